/**
 * How statements are looked up by speaker name or organization: exact, but blind to case and to
 * stray spaces ("Ministry of  defence" finds "Ministry of Defence"). Exact rather than substring so
 * the lookup is an index scan however many statements the desk holds, and "Kaya" never also
 * returns every other Kaya.
 */
export function speakerKey(name: string): string {
  return name.trim().replace(/\s+/g, ' ').toLowerCase();
}

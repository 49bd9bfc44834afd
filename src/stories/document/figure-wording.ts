import type { Figure, Source, Speaker } from '../story.events';

/** A figure as a reader would say it: the source's own wording, "33", "at least 33" or "30-40". */
export function describeFigure(figure: Figure): string {
  if (figure.wording !== undefined) return figure.wording;
  if (figure.max === undefined) return `at least ${figure.min}`;
  return figure.max === figure.min ? String(figure.min) : `${figure.min}-${figure.max}`;
}

/** "Rahmi Dogan" or "Rahmi Dogan (via Anadolu)": who gave a figure and which agency relayed it. */
export function describeSource(source: Source): string {
  return source.via === undefined ? source.name : `${source.name} (via ${source.via})`;
}

/** "Emre Kaya, defence minister" or just the name. */
export function describeSpeaker(speaker: Speaker): string {
  const title = speaker.role ?? speaker.organization;
  return title === undefined ? speaker.name : `${speaker.name}, ${title}`;
}

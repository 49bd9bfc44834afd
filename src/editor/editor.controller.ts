import { Controller, Get, Header } from '@nestjs/common';
import { EDITOR_PAGE_CSS } from './page/editor-page.css';
import { EDITOR_PAGE_HTML } from './page/editor-page.html';
import { EDITOR_PAGE_SCRIPT } from './page/editor-page.script';

/**
 * The page only ever loads itself and talks to this API: a pasted key can be sent nowhere else,
 * no inline script runs, and no other site may frame the page to trick a click.
 */
const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "connect-src 'self'",
  "img-src 'self'",
  "form-action 'self'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
].join('; ');

/**
 * `GET /editor`: the editor's version and diff page, served as three small static files. The
 * page itself needs no key (the editor pastes one into it); everything it shows comes from the
 * API with that key.
 */
@Controller('editor')
export class EditorController {
  @Get()
  @Header('Content-Type', 'text/html; charset=utf-8')
  @Header('Content-Security-Policy', CONTENT_SECURITY_POLICY)
  @Header('Referrer-Policy', 'no-referrer')
  @Header('X-Content-Type-Options', 'nosniff')
  @Header('Cache-Control', 'no-cache')
  page(): string {
    return EDITOR_PAGE_HTML;
  }

  @Get('editor.css')
  @Header('Content-Type', 'text/css; charset=utf-8')
  @Header('X-Content-Type-Options', 'nosniff')
  @Header('Cache-Control', 'no-cache')
  styles(): string {
    return EDITOR_PAGE_CSS;
  }

  @Get('editor.js')
  @Header('Content-Type', 'text/javascript; charset=utf-8')
  @Header('X-Content-Type-Options', 'nosniff')
  @Header('Cache-Control', 'no-cache')
  script(): string {
    return EDITOR_PAGE_SCRIPT;
  }
}

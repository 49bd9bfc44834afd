import { gzipSync } from 'node:zlib';
import type { Server } from 'node:net';
import { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { expectProblem } from '../support/expect-problem';
import { sendRaw } from '../support/raw-http';
import { createTestApp } from './test-app';
import { validReport } from './test-routes';

const DEFAULT_LIMIT = 256 * 1024;

/** A valid report padded with a long `party` to exactly `bytes` bytes of JSON. */
function reportOfSize(bytes: number): string {
  const base = JSON.stringify({ ...validReport(), party: '' });
  return JSON.stringify({ ...validReport(), party: 'p'.repeat(bytes - Buffer.byteLength(base)) });
}

describe('request bodies', () => {
  let app: INestApplication;
  let server: Server;
  beforeAll(async () => {
    app = await createTestApp();
    server = app.getHttpServer();
  });
  afterAll(() => app.close());

  const postJson = (text: string, contentType = 'application/json') => request(server).post('/test-echo/reports').set('Content-Type', contentType).send(text);

  /** Bytes as they are (supertest would serialise a Buffer as JSON), answered as { status, problem }. */
  const postBytes = async (bytes: Buffer, headers = 'Content-Type: application/json\n') => {
    const response = await sendRaw(server, `POST /test-echo/reports HTTP/1.1\nHost: test\n${headers}Content-Length: ${bytes.length}\n`, bytes);
    return { status: response.status, contentType: response.headers['content-type'], body: JSON.parse(response.body) };
  };

  describe('malformed JSON → 400 malformed_json', () => {
    it.each([['{"party": '], ['{party: "x"}'], ["{'a': 1}"], ['{"a": 1,}'], ['[1, 2'], ['NaN'], ['{"a": 1} trailing']])('%s', async (text) => {
      expectProblem(await postJson(text), 400, { code: 'malformed_json' });
    });

    it('bytes that are not UTF-8', async () => {
      const answer = await postBytes(Buffer.concat([Buffer.from('{"party": "'), Buffer.from([0xc3, 0x28, 0xff]), Buffer.from('"}')]));
      expect(answer).toMatchObject({ status: 400, contentType: expect.stringMatching(/^application\/problem\+json/), body: { code: 'malformed_json' } });
      expect(answer.body.detail).toMatch(/UTF-8/);
    });
  });

  describe('body size (default limit 256 KiB) → 413 body_too_large', () => {
    it('accepts a body of exactly the limit', async () => {
      const text = reportOfSize(DEFAULT_LIMIT);
      expect(Buffer.byteLength(text)).toBe(DEFAULT_LIMIT);
      await postJson(text).expect(201);
    });

    it('refuses a body one byte over the limit', async () => {
      const problem = expectProblem(await postJson(reportOfSize(DEFAULT_LIMIT + 1)), 413, { code: 'body_too_large' });
      expect(problem.limitBytes).toBe(DEFAULT_LIMIT);
    });

    it('refuses from Content-Length alone, before reading any of the body', async () => {
      const response = await sendRaw(server, 'POST /test-echo/reports HTTP/1.1\nHost: test\nContent-Type: application/json\nContent-Length: 104857600\n', Buffer.from('{"a":'));
      expect(response.status).toBe(413);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(JSON.parse(response.body)).toMatchObject({ code: 'body_too_large' });
    });

    it('refuses a chunked body without Content-Length once it passes the limit', async () => {
      const chunk = reportOfSize(DEFAULT_LIMIT + 10);
      const chunked = `${Buffer.byteLength(chunk).toString(16)}\r\n${chunk}\r\n0\r\n\r\n`;
      const response = await sendRaw(server, 'POST /test-echo/reports HTTP/1.1\nHost: test\nContent-Type: application/json\nTransfer-Encoding: chunked\n', Buffer.from(chunked));
      expect(response.status).toBe(413);
    });

    it('applies the limit to the decompressed size of a gzip body', async () => {
      const bomb = gzipSync(reportOfSize(4 * DEFAULT_LIMIT));
      expect(bomb.length).toBeLessThan(DEFAULT_LIMIT / 10);
      const answer = await postBytes(bomb, 'Content-Type: application/json\nContent-Encoding: gzip\n');
      expect(answer).toMatchObject({ status: 413, body: { code: 'body_too_large' } });
    });

    it('reads a gzip body within the limit, and refuses one that does not inflate', async () => {
      const valid = await postBytes(gzipSync(JSON.stringify(validReport())), 'Content-Type: application/json\nContent-Encoding: gzip\n');
      expect(valid).toMatchObject({ status: 201, body: { received: validReport() } });
      const broken = await postBytes(Buffer.from(JSON.stringify(validReport())), 'Content-Type: application/json\nContent-Encoding: gzip\n');
      expect(broken).toMatchObject({ status: 400, body: { code: 'unreadable_body' } });
    });

    it('follows NEWSDESK_BODY_LIMIT', async () => {
      const small = await createTestApp({ NEWSDESK_BODY_LIMIT: '1kb' });
      try {
        await request(small.getHttpServer()).post('/test-echo/reports').send(validReport()).expect(201);
        const problem = expectProblem(await request(small.getHttpServer()).post('/test-echo/reports').send({ ...validReport(), party: 'p'.repeat(1024) }), 413);
        expect(problem.limitBytes).toBe(1024);
      } finally {
        await small.close();
      }
    });
  });

  describe('content type of writes → 415 unsupported_media_type', () => {
    it.each([
      ['text/plain', JSON.stringify(validReport())],
      ['application/x-www-form-urlencoded', 'party=x&category=killed'],
      ['multipart/form-data; boundary=x', '--x\r\n\r\n--x--'],
      ['application/xml', '<report/>'],
      ['application/json; charset=latin1', JSON.stringify(validReport())],
      ['not a media type', JSON.stringify(validReport())],
    ])('%s', async (contentType, text) => {
      expectProblem(await postJson(text, contentType), 415, { code: 'unsupported_media_type' });
    });

    it('a body without any Content-Type', async () => {
      const response = await sendRaw(server, 'POST /test-echo/reports HTTP/1.1\nHost: test\nContent-Length: 2\n', Buffer.from('{}'));
      expect(response.status).toBe(415);
      expect(JSON.parse(response.body)).toMatchObject({ code: 'unsupported_media_type' });
    });

    it('an unknown Content-Encoding', async () => {
      const response = await request(server).post('/test-echo/reports').set('Content-Type', 'application/json').set('Content-Encoding', 'compress').send('{}');
      expectProblem(response, 415, { code: 'unsupported_media_type' });
    });

    it('accepts application/json with charset=utf-8 and +json media types', async () => {
      await postJson(JSON.stringify(validReport()), 'application/json; charset=utf-8').expect(201);
      await postJson(JSON.stringify(validReport()), 'application/merge-patch+json').expect(201);
    });

    it('lets a write without a body through whatever its Content-Type', async () => {
      await request(server).post('/test-echo/notes').set('Content-Type', 'text/plain').expect(201);
    });
  });

  describe('JSON that is valid but never acceptable → 400', () => {
    it('nesting deeper than 32 levels (body_too_deep), however deep', async () => {
      for (const depth of [33, 100_000]) {
        const text = `{"figure": ${'['.repeat(depth)}${']'.repeat(depth)}}`;
        expectProblem(await postJson(text), 400, { code: 'body_too_deep' });
      }
    });

    it('prototype keys anywhere (__proto__, constructor, prototype), named as not allowed', async () => {
      const text = `{"__proto__": {"polluted": true}, "figure": {"min": 1, "constructor": {"prototype": {}}}}`;
      expectProblem(await postJson(text), 400, { code: 'validation_failed', fields: ['__proto__', 'figure.constructor', 'figure.constructor.prototype'] });
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    });

    it('strings with NUL characters or unpaired surrogates, which PostgreSQL cannot store', async () => {
      const text = JSON.stringify({ ...validReport(), party: 'a\u0000b' }).replace('"speakers"', '"sp\\ud800eakers"');
      expectProblem(await postJson(text), 400, { code: 'unsupported_character', fields: ['party', 'sp\ud800eakers'] });
    });

    it('accepts characters outside the BMP written as surrogate pairs', async () => {
      const response = await postJson(JSON.stringify({ ...validReport(), party: 'desk \ud83d\udcf0' })).expect(201);
      expect(response.body.received.party).toBe('desk \u{1F4F0}');
    });
  });
});

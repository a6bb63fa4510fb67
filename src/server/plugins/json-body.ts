import type { FastifyInstance } from 'fastify';

import { AppError } from '../shared/errors.js';
import { findDuplicateKey } from '../shared/json-keys.js';

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * JSON bodies as Fastify parses them (prototype poisoning refused), plus two refusals its parser
 * does not make (SR-76): bytes that are not UTF-8, which it would quietly turn into U+FFFD, and a
 * key given twice in one object, where the last would quietly win.
 */
export function registerJsonBodyParser(app: FastifyInstance): void {
  const parseJson = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (request, raw, done) => {
    let text: string;
    try {
      text = strictUtf8.decode(raw as Buffer);
    } catch {
      done(
        new AppError(400, 'request.invalid_encoding', 'The body is not valid UTF-8.'),
        undefined,
      );
      return;
    }
    parseJson(request, text, (error, body) => {
      if (error) {
        done(error, undefined);
      } else if (findDuplicateKey(text) !== null) {
        done(
          new AppError(400, 'request.duplicate_key', 'A key appears twice in one JSON object.'),
          undefined,
        );
      } else {
        done(null, body);
      }
    });
  });
}

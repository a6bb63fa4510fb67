import { AppError } from '../../shared/errors.js';
import type { ConsumerView } from './consumers.view.js';

export const consumerNotFound = () =>
  new AppError(404, 'consumer.not_found', 'No consumer has this id.');

export const emailTaken = () =>
  new AppError(409, 'consumer.email_taken', 'email: another account already uses this address', {
    details: { issues: [{ field: 'email', message: 'Another account already uses this address' }] },
  });

export const versionRequired = () =>
  new AppError(
    428,
    'consumer.version_required',
    'Send the If-Match header with the version you edited.',
  );

export const versionMismatch = (current: ConsumerView) =>
  new AppError(
    412,
    'consumer.version_mismatch',
    'This record was changed meanwhile. Review the current values and save again.',
    { details: { current } },
  );

import { AppError } from '../../shared/errors.js';

export const alreadySuspended = () =>
  new AppError(409, 'consumer.already_suspended', 'The account is already suspended.');

export const notSuspended = () =>
  new AppError(409, 'consumer.not_suspended', 'Only a suspended account can be restored.');

export const alreadyActivated = () =>
  new AppError(409, 'consumer.already_activated', "The user's account is already activated");

export const suspendedCannotBeActivated = () =>
  new AppError(409, 'consumer.suspended', 'Restore the account before activating it.');

export const passwordChangeAlreadyRequired = () =>
  new AppError(
    409,
    'consumer.password_change_already_required',
    'This option is already activated',
  );

export const noActiveSession = () =>
  new AppError(409, 'consumer.no_active_session', 'No active session');

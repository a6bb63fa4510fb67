/** The messages Gatehouse sends. Bodies are plain text; codes appear only in the body. */
export type MailTemplate =
  | { template: 'two_step_code'; firstName: string; code: string; minutes: number }
  | { template: 'activation_code'; firstName: string; code: string; minutes: number }
  | { template: 'password_reset_notice'; firstName: string }
  | { template: 'two_step_notice'; firstName: string; enabled: boolean };

export interface RenderedMail {
  subject: string;
  body: string;
  containsSecret: boolean;
}

export function renderMail(mail: MailTemplate): RenderedMail {
  switch (mail.template) {
    case 'two_step_code':
      return {
        subject: 'Your sign-in code',
        body: [
          `Hello ${mail.firstName},`,
          '',
          `Your sign-in code is ${mail.code}. It is valid for ${mail.minutes} minutes.`,
          '',
          'If you did not try to sign in, change your password: someone knows it.',
        ].join('\n'),
        containsSecret: true,
      };
    case 'activation_code':
      return {
        subject: 'Verify your email address',
        body: [
          `Hello ${mail.firstName},`,
          '',
          `Your verification code is ${mail.code}. It is valid for ${mail.minutes} minutes.`,
          '',
          'Enter it where you signed in to confirm this address.',
        ].join('\n'),
        containsSecret: true,
      };
    case 'password_reset_notice':
      return {
        subject: 'Your password was reset',
        body: [
          `Hello ${mail.firstName},`,
          '',
          'An administrator reset your password. You received a temporary password from them;',
          'you will choose a new one at your next sign-in. Your devices were signed out.',
        ].join('\n'),
        containsSecret: false,
      };
    case 'two_step_notice':
      return renderTwoStepNotice(mail.firstName, mail.enabled);
  }
}

function renderTwoStepNotice(firstName: string, enabled: boolean): RenderedMail {
  const state = enabled ? 'on' : 'off';
  return {
    subject: `Two-step verification is ${state}`,
    body: [
      `Hello ${firstName},`,
      '',
      `An administrator turned two-step verification ${state} for your account.`,
      enabled
        ? 'From your next sign-in, you will also enter a code that we send to this address.'
        : 'From your next sign-in, your password alone will sign you in.',
      'If you did not expect this change, contact support.',
    ].join('\n'),
    containsSecret: false,
  };
}

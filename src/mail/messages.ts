import type { i18n } from 'i18next';
import type { Language } from '../middleware/i18n';

/** Every e-mail the registry sends; each has `subject`, `paragraphs` and optionally `action` in the mail namespace. */
export const MAIL_TEMPLATES = [
  'invitation',
  'password-reset',
  'account-locked',
  'password-changed',
  'application-confirm',
  'application-received',
  'application-waiting',
  'application-resubmitted',
  'application-approved',
  'application-rejected',
  'application-changes-requested',
  'petition-confirm',
  'evidence-warning',
] as const;
export type MailTemplate = (typeof MAIL_TEMPLATES)[number];

export interface MailMessageRequest {
  to: string;
  language: Language;
  template: MailTemplate;
  /** Interpolated into the texts; escaped in the HTML version. */
  params: Record<string, string>;
  /** The one link the message asks the reader to follow, if any. */
  link?: string;
  /** A second link, introduced by the template's `secondAction` text (e.g. withdrawing a signature). */
  secondLink?: string;
}

export interface ComposedMessage {
  to: string;
  subject: string;
  text: string;
  html: string;
}

const escapeHtml = (value: string): string =>
  value.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** Plain text and HTML of one message, in the recipient's language. */
export function composeMessage(i18next: i18n, request: MailMessageRequest): ComposedMessage {
  const t = i18next.getFixedT(request.language, 'mail');
  const key = request.template;
  const params = { ...request.params, interpolation: { escapeValue: false } };
  const subject = t(`${key}.subject`, params);
  const paragraphs = t(`${key}.paragraphs`, { ...params, returnObjects: true }) as unknown;
  const lines = Array.isArray(paragraphs) ? paragraphs.map(String) : [String(paragraphs)];
  const action = request.link ? t(`${key}.action`, params) : null;
  const secondAction = request.secondLink ? t(`${key}.secondAction`, params) : null;
  const signature = t('signature');

  const text = [
    ...lines,
    ...(request.link && action ? [`${action}:\n${request.link}`] : []),
    ...(request.secondLink && secondAction ? [`${secondAction}:\n${request.secondLink}`] : []),
    `-- \n${signature}`,
  ].join('\n\n');
  const html = [
    `<!doctype html><html lang="${request.language}"><head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head><body>`,
    ...lines.map((line) => `<p>${escapeHtml(line)}</p>`),
    ...(request.link && action
      ? [`<p><a href="${escapeHtml(request.link)}">${escapeHtml(action)}</a></p>`, `<p>${escapeHtml(request.link)}</p>`]
      : []),
    ...(request.secondLink && secondAction
      ? [`<p><a href="${escapeHtml(request.secondLink)}">${escapeHtml(secondAction)}</a></p>`, `<p>${escapeHtml(request.secondLink)}</p>`]
      : []),
    `<p>-- <br>${escapeHtml(signature)}</p></body></html>`,
  ].join('\n');
  return { to: request.to, subject, text, html };
}

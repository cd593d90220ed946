/** What an initiative does: events (webinars), joint statements, partnerships and announcements. */
export const ACTIVITY_KINDS = ['event', 'statement', 'partnership', 'announcement'] as const;
export type ActivityKind = (typeof ACTIVITY_KINDS)[number];

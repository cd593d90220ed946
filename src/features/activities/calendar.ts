import ical, { ICalCalendarMethod } from 'ical-generator';
import type { ActivityRecord } from '../../models/activity';
import { activityPath } from './activityView';

const HOUR_MS = 60 * 60 * 1000;

/** An iCalendar file of events (one, or an initiative's whole calendar), in English, times in UTC. */
export function calendarOf(name: string, events: ActivityRecord[], base: string): string {
  const calendar = ical({ name, prodId: { company: 'Accord Registry', product: 'activities', language: 'EN' } });
  calendar.method(ICalCalendarMethod.PUBLISH);
  for (const event of events) {
    if (!event.date) continue;
    const url = `${base}${activityPath(event)}`;
    const end = event.allDay
      ? new Date(event.date.getTime() + 24 * HOUR_MS)
      : new Date(event.date.getTime() + (event.durationMinutes ?? 60) * 60_000);
    calendar.createEvent({
      id: `${event.initiative}-${event.slug}@accord-registry`,
      start: event.date,
      end,
      allDay: event.allDay,
      summary: event.title.en,
      description: [event.text.en, event.link ? `Link: ${event.link}` : '', event.recordingUrl ? `Recording: ${event.recordingUrl}` : '']
        .filter(Boolean)
        .join('\n\n'),
      url: event.link ?? url,
      stamp: event.publishedAt,
    });
  }
  return calendar.toString();
}

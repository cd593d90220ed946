import type { Connection } from 'mongoose';
import { systemActor } from './audit/actor';
import { createRecordChange } from './audit/recordChange';
import type { ImportWriter } from './import/importCsv';
import { systemClock, type Clock } from './clock';
import type { Config } from './config';
import { createAccountService } from './features/accounts/accountService';
import { createPasswordService } from './features/accounts/passwordService';
import { createTwoFactorService } from './features/accounts/twoFactorService';
import { createUserSessions } from './features/accounts/userSessions';
import { createApplicationService } from './features/applications/applicationService';
import { createReviewService } from './features/applications/reviewService';
import { createOrganisationService } from './features/organisations/organisationService';
import { createUserAdminService } from './features/users/userAdminService';
import { createRelationshipService } from './features/relationships/relationshipService';
import { createImportRunService } from './features/imports/importRunService';
import { createActivityService } from './features/activities/activityService';
import { createAnnouncementDrafter } from './features/activities/announcementDraft';
import { createDirectory } from './features/directory';
import { createCheckContext, type CheckContext } from './features/evidence/checks/context';
import { defineEvidenceJobs } from './features/evidence/evidenceJobs';
import { createEvidenceReview } from './features/evidence/evidenceReview';
import { createEvidenceService } from './features/evidence/evidenceService';
import { createMeasuredService } from './features/evidence/measured/measuredService';
import { evidenceSettingsFrom, type EvidenceSettings } from './features/evidence/evidenceSettings';
import { StatisticsService } from './features/statistics/statisticsService';
import { createMemberService } from './features/members/memberService';
import { createPledgeService } from './features/pledges/pledgeService';
import { createPetitionAdminService } from './features/petitions/petitionAdminService';
import { createSignatureService } from './features/petitions/signatureService';
import { JobQueue } from './jobs/jobQueue';
import type { Logger } from './logger';
import { createMailer, type Mailer } from './mail/mailer';
import { composeMessage } from './mail/messages';
import { createI18n } from './middleware/i18n';
import { localesDir } from './paths';

export interface ServiceDependencies {
  config: Config;
  logger: Logger;
  connection: Connection;
  /** Defaults to SMTP_URL, or the development outbox. Tests pass one that talks to their own SMTP server. */
  mailer?: Mailer;
  /** Defaults to the system clock; tests pass a clock they move. */
  clock?: Clock;
  /** Defaults to the environment (EVIDENCE_*, DNS_SERVERS…); tests pass settings and their own DNS and HTTPS peers. */
  evidenceSettings?: EvidenceSettings;
  checkContext?: CheckContext;
}

/**
 * The composition root: every service is built once here, from config, logger, connection, mailer and
 * clock. The web server, the worker and the command-line tools all start from this.
 */
export function createServices(deps: ServiceDependencies) {
  const { config, logger, connection } = deps;
  const clock = deps.clock ?? systemClock;
  const mailer = deps.mailer ?? createMailer(config);
  const jobs = new JobQueue(connection, logger, {
    pollIntervalMs: config.jobs.pollIntervalMs,
    maxConcurrency: config.jobs.concurrency,
    lockLifetimeMs: config.jobs.lockLifetimeMs,
  });
  const recordChange = createRecordChange({ connection, clock, jobs });
  const baseUrl = config.baseUrl ?? `http://localhost:${config.port}`;
  const linkTo = (path: string): string => new URL(path, baseUrl).toString();

  const userSessions = createUserSessions(connection, recordChange);

  const mailText = createI18n(localesDir);
  jobs.define('mail.send', (request) => mailer.send(composeMessage(mailText, request)), {
    retryDelayMs: config.jobs.retryDelayMs,
  });

  const directory = createDirectory(config);
  const evidenceSettings = deps.evidenceSettings ?? evidenceSettingsFrom(process.env);
  const checks = deps.checkContext ?? createCheckContext(evidenceSettings.checks);
  const evidence = createEvidenceService({ recordChange, clock, checks, settings: evidenceSettings, linkTo });
  const measured = createMeasuredService({ recordChange, clock, checks, settings: evidenceSettings });
  const evidenceJobs = defineEvidenceJobs(jobs, evidence, measured, clock);
  const imports = createImportRunService({ recordChange, clock, jobs });
  // One import at a time per worker: it is long and writes in batches of its own.
  jobs.define('import.run', ({ importRunId }) => imports.run(importRunId), { concurrency: 1, lockLifetimeMs: 30 * 60_000 });

  return {
    config,
    logger,
    connection,
    clock,
    mailer,
    jobs,
    recordChange,
    linkTo,
    directory,
    statistics: new StatisticsService(directory.readModel),
    accounts: createAccountService({ recordChange, clock, linkTo, userSessions, passwordHashing: config.passwordHashing }),
    pledges: createPledgeService({ recordChange }),
    passwords: createPasswordService({ recordChange, clock, linkTo, userSessions, passwordHashing: config.passwordHashing }),
    twoFactor: createTwoFactorService({ recordChange, clock }),
    userSessions,
    userAdmin: createUserAdminService({ recordChange, userSessions }),
    applications: createApplicationService({ recordChange, clock, linkTo }),
    review: createReviewService({ recordChange, linkTo }),
    evidence,
    measured,
    evidenceJobs,
    evidenceReview: createEvidenceReview({ recordChange }),
    members: createMemberService({ recordChange, evidenceClaimMs: evidenceSettings.claimMs }),
    organisations: createOrganisationService({ recordChange }),
    petitions: createPetitionAdminService({ recordChange }),
    signatures: createSignatureService({ recordChange, clock, linkTo }),
    relationships: createRelationshipService({ recordChange }),
    imports,
    activities: createActivityService({ recordChange }),
    draftAnnouncement: createAnnouncementDrafter(mailText),
  };
}

export type Services = ReturnType<typeof createServices>;

/** Loads what the first request would otherwise wait for (the directory's read model, the statistics). */
export async function warmServices(services: Services): Promise<void> {
  await services.directory.readModel.warm();
  await services.statistics.warm();
}

/** The import, the seed and other tools write as the system, named by their task, through the audited path. */
export function systemWriter(services: Pick<Services, 'recordChange'>, task: string): ImportWriter {
  return { recordChange: services.recordChange, actor: systemActor(task) };
}

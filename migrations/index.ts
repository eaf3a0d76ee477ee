import { CreateRouting1795800000000 } from './1795800000000-create-routing.js';
import { CreateCallSessions1795800100000 } from './1795800100000-create-call-sessions.js';
import { CreateAuditLog1795800200000 } from './1795800200000-create-audit-log.js';
import { NotifyRoutingChanges1795800300000 } from './1795800300000-notify-routing-changes.js';
import { IndexCallReports1795800400000 } from './1795800400000-index-call-reports.js';
import { BusinessHours1795800500000 } from './1795800500000-business-hours.js';
import { RecordWebhookErrors1795800600000 } from './1795800600000-record-webhook-errors.js';
import { IndexClosedAttempts1795800700000 } from './1795800700000-index-closed-attempts.js';
import { VersionCallSessions1795800800000 } from './1795800800000-version-call-sessions.js';
import { StatusSequence1795800900000 } from './1795800900000-status-sequence.js';
import { CallerPrompts1795800910000 } from './1795800910000-caller-prompts.js';
import { CallsEndAfterStart1795800920000 } from './1795800920000-calls-end-after-start.js';
import { AuditActorId1795800930000 } from './1795800930000-audit-actor-id.js';
import { MoveTablesToIvrSchema1795801000000 } from './1795801000000-move-tables-to-ivr-schema.js';
import { VoicemailTranscription1795801100000 } from './1795801100000-voicemail-transcription.js';
import { EventOutbox1795801200000 } from './1795801200000-event-outbox.js';
import { CallerLookup1795801300000 } from './1795801300000-caller-lookup.js';
import { MenusAndLanguages1795801400000 } from './1795801400000-menus-and-languages.js';
import { ReportAggregates1795801500000 } from './1795801500000-report-aggregates.js';

/** Every migration, in order. Listed explicitly so the same list works from TypeScript sources and from dist/. */
export const migrations = [
  CreateRouting1795800000000,
  CreateCallSessions1795800100000,
  CreateAuditLog1795800200000,
  NotifyRoutingChanges1795800300000,
  IndexCallReports1795800400000,
  BusinessHours1795800500000,
  RecordWebhookErrors1795800600000,
  IndexClosedAttempts1795800700000,
  VersionCallSessions1795800800000,
  StatusSequence1795800900000,
  CallerPrompts1795800910000,
  CallsEndAfterStart1795800920000,
  AuditActorId1795800930000,
  MoveTablesToIvrSchema1795801000000,
  VoicemailTranscription1795801100000,
  EventOutbox1795801200000,
  CallerLookup1795801300000,
  MenusAndLanguages1795801400000,
  ReportAggregates1795801500000,
];

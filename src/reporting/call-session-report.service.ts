import { Injectable } from '@nestjs/common';
import { CallSessionNotFoundError } from '../admin-api/admin-errors.js';
import { type CallSessionCsvRow, callSessionCsvHeader, callSessionCsvLine } from './call-session-csv.js';
import {
  CallSessionReportRepository,
  type SessionExportRecord,
  type SessionFilter,
  type SessionRecord,
} from './call-session-report.repository.js';
import type { NumberView } from './caller-number.js';
import { CallSessionDetail, type CallSessionPage, CallSessionRow } from './dto/call-session.response.js';
import { encodeCursor, type SessionKey } from './session-cursor.js';
import type { SessionPageRequest } from './session-query.js';

/** Rows per query of a CSV export: memory stays bounded by one batch, however many calls match. */
export const EXPORT_BATCH_SIZE = 1000;

const keyOf = (record: SessionRecord): SessionKey => ({ startedAt: record.startedAtKey, callSid: record.callSid });

// A viewer sees the transcription, as it sees the menu's speech results; only the recording's URL is withheld.
const csvRow = (record: SessionExportRecord, view: NumberView): CallSessionCsvRow => ({
  ...CallSessionRow.from(record, view),
  transcriptionStatus: record.transcriptionStatus,
  transcriptionText: record.transcriptionText,
});

/** Call sessions as the reporting API shows them: pages, CSV exports and one call's details. */
@Injectable()
export class CallSessionReportService {
  constructor(private readonly sessions: CallSessionReportRepository) {}

  /** Newest first. Keyset pages: calls arriving meanwhile are newer than any cursor, so pages never shift. */
  async page(request: SessionPageRequest, view: NumberView): Promise<CallSessionPage> {
    const records = await this.sessions.findPage(request.filter, request.after, request.limit + 1);
    const page = records.slice(0, request.limit);
    const last = page.at(-1);
    return {
      items: page.map((record) => CallSessionRow.from(record, view)),
      nextCursor: records.length > request.limit && last ? encodeCursor(keyOf(last)) : null,
    };
  }

  /**
   * Every matching session as CSV text, newest first, fetched in keyset batches only as fast as the
   * consumer reads. The first batch is read before this returns, so that a failing query is an error
   * response rather than a file cut short.
   */
  async exportCsv(filter: SessionFilter, view: NumberView): Promise<AsyncIterable<string>> {
    const first = await this.sessions.findExportBatch(filter, null, EXPORT_BATCH_SIZE);
    return this.csvChunks(filter, view, first);
  }

  private async *csvChunks(
    filter: SessionFilter,
    view: NumberView,
    first: SessionExportRecord[],
  ): AsyncGenerator<string> {
    yield callSessionCsvHeader();
    let batch = first;
    while (batch.length > 0) {
      yield batch.map((record) => callSessionCsvLine(csvRow(record, view))).join('');
      if (batch.length < EXPORT_BATCH_SIZE) return;
      batch = await this.sessions.findExportBatch(filter, keyOf(batch[batch.length - 1]), EXPORT_BATCH_SIZE, {
        continuing: true,
      });
    }
  }

  async detail(callSid: string, view: NumberView): Promise<CallSessionDetail> {
    const found = await this.sessions.findWithAttempts(callSid);
    if (!found) throw new CallSessionNotFoundError(callSid);
    return CallSessionDetail.fromRecords(found.session, found.attempts, view);
  }
}

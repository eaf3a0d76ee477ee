import { ApiError } from '../api';
import { ErrorMessage, Loading } from '../components/feedback';
import { useApi } from '../hooks';
import { href } from '../router';
import {
  type Attempt,
  type CallSessionDetail,
  formatDateTime,
  formatDuration,
  formatTime,
  outcomeLabel,
} from './reports';
import './records.css';

const DECISIONS: Readonly<Record<string, string>> = {
  route: 'Put through to the department',
  reprompt_low_confidence: 'Asked again: not sure what was said',
  reprompt_no_match: 'Asked again: no option matched',
  reprompt_no_input: 'Asked again: nothing heard',
  operator: 'Sent to the operator after too many tries',
  closed: 'The department was closed: its after-hours action',
  submenu: 'Went into a submenu',
  back: 'Went back a menu',
  repeat: 'Heard the menu again',
  operator_requested: 'Asked for the operator',
  voicemail_requested: 'Asked to leave a message',
  language: 'Chose the language',
};

const FAILURES: Readonly<Record<string, string>> = {
  low_confidence: 'low confidence',
  no_match: 'no match',
  no_input: 'no input',
};

/** Twilio's final call statuses that mean the call itself never went through (not a caller's choice). */
const FAILED_CALL_STATUSES = new Set(['failed', 'busy', 'no-answer', 'canceled']);

const confidenceText = (confidence: number | null): string =>
  confidence === null ? 'no confidence sent' : `confidence ${Math.round(confidence * 100)}%`;

export function CallPage({ callSid }: { callSid: string }) {
  const call = useApi<CallSessionDetail>(`/call-sessions/${encodeURIComponent(callSid)}`);
  const notFound = call.error instanceof ApiError && call.error.status === 404;
  return (
    <section class="records call">
      <p class="breadcrumb">
        <a href={href('/calls')}>← Calls</a>
      </p>
      <h1>
        Call <span class="call-sid">{callSid}</span>
      </h1>
      {notFound ? (
        <p class="error" role="alert" data-testid="call-not-found">
          There is no call with that CallSid ({callSid}).
        </p>
      ) : (
        <ErrorMessage error={call.error} />
      )}
      <Loading when={call.loading && !call.data} />
      {call.data && <CallDetail call={call.data} />}
    </section>
  );
}

function CallDetail({ call }: { call: CallSessionDetail }) {
  return (
    <>
      <section class="panel" aria-labelledby="call-facts">
        <h2 id="call-facts">Summary</h2>
        <dl class="facts" data-testid="call-facts">
          <dt>From</dt>
          <dd data-testid="call-from">{call.from ?? '—'}</dd>
          {call.callerName && (
            <>
              <dt>Caller</dt>
              <dd>{call.callerName}</dd>
            </>
          )}
          <dt>To</dt>
          <dd>{call.to ?? '—'}</dd>
          <dt>Started</dt>
          <dd>{formatDateTime(call.startedAt)}</dd>
          <dt>Ended</dt>
          <dd>{call.endedAt ? formatDateTime(call.endedAt) : 'Not yet'}</dd>
          <dt>Duration</dt>
          <dd>{formatDuration(call.durationSeconds)}</dd>
          <dt>Outcome</dt>
          <dd data-testid="call-outcome">{outcomeLabel(call.outcome)}</dd>
          <dt>Department</dt>
          <dd>{call.department?.name ?? '—'}</dd>
          <dt>Language</dt>
          <dd>{call.language ?? '—'}</dd>
          <dt>Menu path</dt>
          <dd>
            {call.menuPath && call.menuPath.length > 0
              ? call.menuPath.map((name) => name ?? '(deleted menu)').join(' → ')
              : '—'}
          </dd>
          <dt>Twilio call status</dt>
          <dd>{call.callStatus ?? '—'}</dd>
          {call.tags && call.tags.length > 0 && (
            <>
              <dt>Tags</dt>
              <dd>{call.tags.join(', ')}</dd>
            </>
          )}
        </dl>
      </section>
      <Problems call={call} />
      <Timeline attempts={call.timeline} />
      <Dial dial={call.dial} />
      <Voicemail call={call} />
    </>
  );
}

/** What went wrong on Twilio's side: its error at the fallback URL, the call's final status, a dial that failed. */
function Problems({ call }: { call: CallSessionDetail }) {
  const problems: string[] = [];
  if (call.twilioError)
    problems.push(
      `Twilio error ${call.twilioError.code ?? '(no code)'}${call.twilioError.url ? ` fetching ${call.twilioError.url}` : ''}: ` +
        'Twilio called the fallback URL, and the caller was sent to the operator.',
    );
  if (call.callStatus && FAILED_CALL_STATUSES.has(call.callStatus))
    problems.push(`Twilio ended the call with status "${call.callStatus}".`);
  // Busy and no-answer are the other side's; "failed" is Twilio's: the number could not be dialled.
  if (call.dial?.status === 'failed')
    problems.push(`Twilio could not dial ${call.dial.number ?? 'the number'}: the dial ended "failed".`);
  if (problems.length === 0) return null;
  return (
    <section class="panel problems" aria-labelledby="call-problems">
      <h2 id="call-problems">Twilio errors</h2>
      <ul data-testid="call-problems">
        {problems.map((problem) => (
          <li key={problem}>{problem}</li>
        ))}
      </ul>
    </section>
  );
}

function inputOf(attempt: Attempt): string {
  switch (attempt.inputKind) {
    case 'dtmf':
      return `Pressed ${attempt.digits ?? '?'}`;
    case 'speech':
      return `Said "${attempt.speechResult ?? ''}" (${confidenceText(attempt.confidence)})`;
    case 'none':
      return 'Nothing (silence)';
  }
}

function Timeline({ attempts }: { attempts: readonly Attempt[] }) {
  return (
    <section class="panel" aria-labelledby="call-timeline">
      <h2 id="call-timeline">Timeline</h2>
      {attempts.length === 0 ? (
        <p>No menu answers: the caller hung up or was put through before answering.</p>
      ) : (
        <div class="table-wrap">
          <table data-testid="timeline">
            <thead>
              <tr>
                <th scope="col" class="number">
                  Round
                </th>
                <th scope="col">Time</th>
                <th scope="col">Menu</th>
                <th scope="col">Caller</th>
                <th scope="col">Decision</th>
                <th scope="col">Matched department</th>
              </tr>
            </thead>
            <tbody>
              {attempts.map((attempt) => (
                <tr key={`${attempt.round}-${attempt.at}`}>
                  <td class="number">{attempt.round}</td>
                  <td>{formatTime(new Date(attempt.at))}</td>
                  <td>
                    {attempt.decision === 'language' ? 'Language choice' : (attempt.menuName ?? '(deleted menu)')}
                  </td>
                  <td>{inputOf(attempt)}</td>
                  <td>
                    {DECISIONS[attempt.decision] ?? attempt.decision}
                    {attempt.failure && (
                      <span class="figure-label"> ({FAILURES[attempt.failure] ?? attempt.failure})</span>
                    )}
                  </td>
                  <td>{attempt.matchedDepartment?.name ?? '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function Dial({ dial }: { dial: CallSessionDetail['dial'] }) {
  return (
    <section class="panel" aria-labelledby="call-dial">
      <h2 id="call-dial">Dial</h2>
      {dial === null ? (
        <p>The call was never put through.</p>
      ) : (
        <dl class="facts" data-testid="dial">
          <dt>To</dt>
          <dd>
            {dial.target === 'operator' ? 'The operator' : 'The department'}
            {dial.number ? `, ${dial.number}` : ''}
          </dd>
          <dt>Put through</dt>
          <dd>{formatDateTime(dial.routedAt)}</dd>
          <dt>Result</dt>
          <dd data-testid="dial-status">{dial.status ?? 'Still ringing or talking'}</dd>
          <dt>Talked</dt>
          <dd>{formatDuration(dial.durationSeconds)}</dd>
          {dial.dialCallSid && (
            <>
              <dt>Dialled call</dt>
              <dd class="call-sid">{dial.dialCallSid}</dd>
            </>
          )}
        </dl>
      )}
    </section>
  );
}

function Voicemail({ call }: { call: CallSessionDetail }) {
  const recording = call.recording;
  if (!recording && call.outcome !== 'voicemail') return null;
  return (
    <section class="panel" aria-labelledby="call-voicemail">
      <h2 id="call-voicemail">Voicemail</h2>
      {!recording ? (
        <p>No recording arrived.</p>
      ) : (
        <dl class="facts" data-testid="voicemail">
          <dt>Recording</dt>
          <dd>
            {recording.url ? (
              // Twilio's own page: the console's policy allows no media from elsewhere, so it opens there.
              <a href={recording.url} target="_blank" rel="noopener noreferrer">
                {recording.sid} (on Twilio)
              </a>
            ) : (
              <span class="call-sid">{recording.sid}</span>
            )}
          </dd>
          <dt>Length</dt>
          <dd>{formatDuration(recording.durationSeconds)}</dd>
          <dt>Transcription</dt>
          <dd data-testid="transcription">
            {call.transcriptionStatus === 'completed' ? (
              <blockquote class="transcription">{call.transcriptionText}</blockquote>
            ) : call.transcriptionStatus === 'failed' ? (
              'Twilio could not transcribe it.'
            ) : (
              'None (not asked for, or not arrived yet).'
            )}
          </dd>
        </dl>
      )}
    </section>
  );
}

import { mkdtemp, readdir, readFile, writeFile, chmod } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { appConfigForTests } from '../../test/helpers/app-config.js';
import type { WebhookEvent } from '../twilio/webhook-event.js';
import { WebhookSpool } from './webhook-spool.js';

function event(callSid: string, kind: 'incoming' | 'voicemail' = 'incoming'): WebhookEvent {
  return { kind, callSid, receivedAt: new Date('2026-11-27T10:00:00.000Z'), requestId: 'r1' };
}

describe('WebhookSpool', () => {
  let dataDir: string;

  beforeEach(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'spool-'));
    await chmod(dataDir, 0o755);
  });

  async function spoolIn(directory: string): Promise<WebhookSpool> {
    const sut = new WebhookSpool(appConfigForTests({ dataDir: directory }));
    await sut.onModuleInit();
    return sut;
  }

  it('keeps events in arrival order and knows which calls are waiting', async () => {
    const sut = await spoolIn(dataDir);
    sut.push(event('CA1'));
    sut.push(event('CA2'));
    sut.push(event('CA1', 'voicemail'));
    expect(sut.peek()).toMatchObject({ callSid: 'CA1', kind: 'incoming' });
    sut.shift();
    expect(sut.holds('CA1')).toBe(true);
    sut.shift();
    expect(sut.holds('CA2')).toBe(false);
    sut.shift();
    expect(sut.holds('CA1')).toBe(false);
    expect(sut.size).toBe(0);
  });

  it('writes each event to its file, and empties the file once everything is replayed', async () => {
    const sut = await spoolIn(dataDir);
    sut.push(event('CA1'));
    sut.push(event('CA2'));
    await sut.flushed();
    const [file] = await readdir(join(dataDir, 'spool'));
    expect(
      (await readFile(join(dataDir, 'spool', file), 'utf8'))
        .trim()
        .split('\n')
        .map((line) => (JSON.parse(line) as WebhookEvent).callSid),
    ).toEqual(['CA1', 'CA2']);
    sut.shift();
    sut.shift();
    await sut.flushed();
    expect(await readFile(join(dataDir, 'spool', file), 'utf8')).toBe('');
  });

  it('takes over the file of a process that is gone (a restart during an outage), in order', async () => {
    const orphan = join(dataDir, 'spool', 'webhooks-999999-abcd1234.jsonl');
    const first = await spoolIn(dataDir);
    void first;
    await writeFile(
      orphan,
      `${JSON.stringify(event('CA-old-1'))}\n${JSON.stringify(event('CA-old-2', 'voicemail'))}\n`,
    );
    const sut = await spoolIn(dataDir);
    expect(sut.size).toBe(2);
    expect(sut.peek()?.callSid).toBe('CA-old-1');
    expect((await readdir(join(dataDir, 'spool'))).includes('webhooks-999999-abcd1234.jsonl')).toBe(false);
  });

  it('sets aside a line cut off by a crash and still takes over the rest', async () => {
    const orphan = join(dataDir, 'spool', 'webhooks-999998-abcd1234.jsonl');
    await spoolIn(dataDir);
    const cut = JSON.stringify(event('CA-cut')).slice(0, 30);
    await writeFile(orphan, `${JSON.stringify(event('CA-old-1'))}\n${cut}\n${JSON.stringify(event('CA-old-2'))}\n`);
    const sut = await spoolIn(dataDir);
    expect(sut.size).toBe(2);
    expect(sut.peek()?.callSid).toBe('CA-old-1');
    expect(await readFile(join(dataDir, 'spool', 'unreadable-webhooks-999998-abcd1234.jsonl'), 'utf8')).toBe(
      `${cut}\n`,
    );
  });

  it("leaves a live process's file alone", async () => {
    const live = join(dataDir, 'spool', `webhooks-${process.pid}-0000beef.jsonl`);
    await spoolIn(dataDir);
    await writeFile(live, `${JSON.stringify(event('CA-live'))}\n`);
    const sut = await spoolIn(dataDir);
    expect(sut.size).toBe(0);
    expect(await readFile(live, 'utf8')).toContain('CA-live');
  });
});

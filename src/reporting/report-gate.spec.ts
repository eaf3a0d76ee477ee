import { ReportsBusyError } from './report-errors.js';
import { admission, ReportGate, type ReportGateLimits } from './report-gate.js';

const LIMITS: ReportGateLimits = { running: 2, waiting: 1, maxWaitMs: 5000 };

describe('admission', () => {
  it.each([
    ['runs while a turn is free', 0, 0, false, 'run'],
    ['runs in the last free turn', 1, 0, false, 'run'],
    ['waits when every turn is taken and the queue has room', 2, 0, false, 'wait'],
    ['refuses when the queue is full', 2, 1, false, 'refuse'],
    ['lets the next batch of a running report wait even when the queue is full', 2, 1, true, 'wait'],
    ['runs the next batch of a running report while a turn is free', 1, 0, true, 'run'],
  ] as const)('%s', (_case, running, waiting, continuing, expected) => {
    expect(admission(running, waiting, LIMITS, continuing)).toBe(expected);
  });
});

describe('ReportGate', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });

  afterEach(() => {
    vi.useRealTimers();
  });

  it('runs as many reports as it has turns, queues the next and refuses the one after at once', async () => {
    const sut = new ReportGate(LIMITS);
    await sut.enter();
    await sut.enter();

    const queued = sut.enter();

    await expect(sut.enter()).rejects.toBeInstanceOf(ReportsBusyError);
    void queued.catch(() => undefined);
  });

  it('hands a finished turn to the first report waiting, which frees its place in the queue', async () => {
    const sut = new ReportGate(LIMITS);
    const end = await sut.enter();
    await sut.enter();
    const queued = sut.enter();

    end();

    await expect(queued).resolves.toBeTypeOf('function');
    const next = sut.enter();
    await expect(sut.enter()).rejects.toBeInstanceOf(ReportsBusyError);
    void next.catch(() => undefined);
  });

  it('refuses a report that waited maxWaitMs, and frees its place in the queue', async () => {
    const sut = new ReportGate(LIMITS);
    const end = await sut.enter();
    await sut.enter();
    const queued = sut.enter();
    const refusal = expect(queued).rejects.toBeInstanceOf(ReportsBusyError);

    await vi.advanceTimersByTimeAsync(LIMITS.maxWaitMs);

    await refusal;
    end();
    await expect(sut.enter()).resolves.toBeTypeOf('function');
  });

  it('keeps the next batch of a running report waiting however long it takes', async () => {
    const sut = new ReportGate(LIMITS);
    const end = await sut.enter();
    await sut.enter();
    let admitted = false;
    const continuing = sut.enter(true).then((turn) => {
      admitted = true;
      return turn;
    });

    await vi.advanceTimersByTimeAsync(LIMITS.maxWaitMs * 10);
    expect(admitted).toBe(false);
    end();

    await expect(continuing).resolves.toBeTypeOf('function');
  });

  it('frees a turn once however often it is ended', async () => {
    const sut = new ReportGate({ ...LIMITS, waiting: 0 });
    const end = await sut.enter();
    await sut.enter();

    end();
    end();

    await expect(sut.enter()).resolves.toBeTypeOf('function');
    await expect(sut.enter()).rejects.toBeInstanceOf(ReportsBusyError);
  });
});

import { Logger } from '@nestjs/common';
import type { DataSource, Repository } from 'typeorm';
import type { CompanyHolidayRepository } from './company-holiday.repository.js';
import { Department } from './department.entity.js';
import type { DepartmentScheduleRepository } from './department-schedule.repository.js';
import { RoutingService } from './routing.service.js';
import { SETTINGS_ID, Settings } from './settings.entity.js';

/**
 * A fake repository method that counts its calls and answers (what the database held when it was
 * called) at once, or later when held; or fails while `failure` is set.
 */
class FakeRead<T> {
  calls = 0;
  readonly args: unknown[] = [];
  failure: Error | null = null;
  private held: (() => void)[] | null = null;

  constructor(private readonly value: () => T) {}

  readonly call = (arg: unknown): Promise<T> => {
    this.calls += 1;
    this.args.push(arg);
    if (this.failure) return Promise.reject(this.failure);
    const value = this.value();
    const held = this.held;
    if (!held) return Promise.resolve(value);
    return new Promise<T>((resolve) => held.push(() => resolve(value)));
  };

  /** Calls from now on wait until release(). */
  hold(): void {
    this.held = [];
  }

  /** Answers the held calls and answers at once again. */
  release(): void {
    const held = this.held ?? [];
    this.held = null;
    for (const resolve of held) resolve();
  }

  /** Answers the latest held call only; later calls are still held. */
  releaseLatest(): void {
    this.held?.pop()?.();
  }
}

function settingsRow(greeting: string): Settings {
  return Object.assign(new Settings(), { id: SETTINGS_ID, greeting, minConfidence: 0.6, maxAttempts: 3 });
}

function departmentRow(name: string): Department {
  return Object.assign(new Department(), { id: `${name}-id`, name, digit: '1', active: true });
}

function setUp() {
  let version = 1;
  const settingsRead = new FakeRead(() => settingsRow(`greeting v${version}`));
  const departmentsRead = new FakeRead(() => [departmentRow(`dept-v${version}`)]);
  const settings = { findOneByOrFail: settingsRead.call } as unknown as Repository<Settings>;
  const departments = { find: departmentsRead.call } as unknown as Repository<Department>;
  const schedules = { findAll: () => Promise.resolve([]) } as unknown as DepartmentScheduleRepository;
  const holidays = { findAll: () => Promise.resolve([]) } as unknown as CompanyHolidayRepository;
  const dataSource = {
    // No menus table rows: the root menu is the departments alone.
    getRepository: (entity: unknown) =>
      entity === Department ? departments : entity === Settings ? settings : { find: () => Promise.resolve([]) },
  } as unknown as DataSource;
  const sut = new RoutingService(dataSource, schedules, holidays);
  return {
    sut,
    settingsRead,
    departmentsRead,
    /** What the database holds changes: reads from now on see the next version. */
    change: () => {
      version += 1;
    },
    hold: () => {
      settingsRead.hold();
      departmentsRead.hold();
    },
    release: () => {
      settingsRead.release();
      departmentsRead.release();
    },
    releaseLatest: () => {
      settingsRead.releaseLatest();
      departmentsRead.releaseLatest();
    },
  };
}

const greetingOf = (sut: RoutingService): string | undefined => sut.lastKnownRules()?.settings.greeting;

describe('RoutingService', () => {
  it('reads the settings row and the active departments in menu order', async () => {
    const { sut, settingsRead, departmentsRead } = setUp();

    const rules = await sut.rules();

    expect(settingsRead.args).toEqual([{ id: SETTINGS_ID }]);
    expect(departmentsRead.args).toEqual([{ where: { active: true }, order: { position: 'ASC', name: 'ASC' } }]);
    expect(rules.settings.greeting).toBe('greeting v1');
    expect(rules.departments.map((department) => department.name)).toEqual(['dept-v1']);
  });

  it('reads the database on every call while not cacheable', async () => {
    const { sut, settingsRead, departmentsRead, change } = setUp();

    await sut.rules();
    change();
    const second = await sut.rules();

    expect(settingsRead.calls).toBe(2);
    expect(departmentsRead.calls).toBe(2);
    expect(second.settings.greeting).toBe('greeting v2');
  });

  it('answers the second call from the cache once cacheable', async () => {
    const { sut, settingsRead, departmentsRead, change } = setUp();
    sut.setCacheable(true);

    const first = await sut.rules();
    change();
    const second = await sut.rules();

    expect(settingsRead.calls).toBe(1);
    expect(departmentsRead.calls).toBe(1);
    expect(second).toBe(first);
  });

  it('reads again after invalidate()', async () => {
    const { sut, settingsRead, departmentsRead, change } = setUp();
    sut.setCacheable(true);
    await sut.rules();

    change();
    sut.invalidate();
    const rules = await sut.rules();

    expect(settingsRead.calls).toBe(2);
    expect(departmentsRead.calls).toBe(2);
    expect(rules.settings.greeting).toBe('greeting v2');
  });

  it('caches again what it read after invalidate()', async () => {
    const { sut, settingsRead } = setUp();
    sut.setCacheable(true);
    await sut.rules();
    sut.invalidate();

    await sut.rules();
    await sut.rules();

    expect(settingsRead.calls).toBe(2);
  });

  it('stops caching after setCacheable(false)', async () => {
    const { sut, settingsRead, departmentsRead, change } = setUp();
    sut.setCacheable(true);
    await sut.rules();

    sut.setCacheable(false);
    change();
    const second = await sut.rules();
    await sut.rules();

    expect(settingsRead.calls).toBe(3);
    expect(departmentsRead.calls).toBe(3);
    expect(second.settings.greeting).toBe('greeting v2');
  });

  it('does not cache a read during which invalidate() was called', async () => {
    const { sut, settingsRead, departmentsRead, change, hold, release } = setUp();
    sut.setCacheable(true);
    hold();

    const inFlight = sut.rules();
    sut.invalidate();
    release();
    await expect(inFlight).resolves.toMatchObject({ settings: { greeting: 'greeting v1' } });
    change();
    const next = await sut.rules();

    expect(settingsRead.calls).toBe(2);
    expect(departmentsRead.calls).toBe(2);
    expect(next.settings.greeting).toBe('greeting v2');
  });

  it('does not cache a read that started before caching was turned on', async () => {
    const { sut, settingsRead, hold, release } = setUp();
    hold();

    const inFlight = sut.rules();
    sut.setCacheable(true);
    release();
    await inFlight;
    await sut.rules();

    expect(settingsRead.calls).toBe(2);
  });

  it('caches a read that completed with no invalidate() in between', async () => {
    const { sut, settingsRead, hold, release } = setUp();
    sut.setCacheable(true);
    hold();

    const inFlight = sut.rules();
    release();
    await inFlight;
    await sut.rules();

    expect(settingsRead.calls).toBe(1);
  });

  describe('on a change announced', () => {
    it('reads the menu again at once, so lastKnownRules() has it before any call asks', async () => {
      const { sut, settingsRead, change } = setUp();
      sut.setCacheable(true);
      await sut.rules();

      change();
      await sut.changed();

      expect(settingsRead.calls).toBe(2);
      expect(greetingOf(sut)).toBe('greeting v2');
      await expect(sut.rules()).resolves.toMatchObject({ settings: { greeting: 'greeting v2' } });
      expect(settingsRead.calls).toBe(2);
    });

    it('reads one at a time, and once more after a read during which changes were announced', async () => {
      const { sut, settingsRead, change, hold, release } = setUp();
      sut.setCacheable(true);
      hold();

      const first = sut.changed();
      change();
      const second = sut.changed();
      const third = sut.changed();
      expect(settingsRead.calls).toBe(1);
      release();
      await Promise.all([first, second, third]);

      expect(settingsRead.calls).toBe(2);
      expect(greetingOf(sut)).toBe('greeting v2');
      // The read that a change overtook was not cached; the one after it was.
      await expect(sut.rules()).resolves.toMatchObject({ settings: { greeting: 'greeting v2' } });
      expect(settingsRead.calls).toBe(2);
    });

    it('logs a failed read as a warning, keeps the last known menu, and reads again on the next change', async () => {
      const { sut, settingsRead, change } = setUp();
      sut.setCacheable(true);
      await sut.rules();
      const warn = vi.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
      try {
        settingsRead.failure = new Error('connection refused');
        change();

        await expect(sut.changed()).resolves.toBeUndefined();

        expect(warn).toHaveBeenCalledWith({ event: 'routing.reload_failed', error: 'connection refused' });
        expect(greetingOf(sut)).toBe('greeting v1');
      } finally {
        warn.mockRestore();
      }
      settingsRead.failure = null;
      await sut.changed();
      expect(greetingOf(sut)).toBe('greeting v2');
    });

    it('keeps what it read when a call that read before the change finishes after it', async () => {
      const { sut, change, hold, release, releaseLatest } = setUp();
      sut.setCacheable(true);
      hold();
      const callRead = sut.rules();
      change();

      const reload = sut.changed();
      releaseLatest();
      await reload;
      release();

      await expect(callRead).resolves.toMatchObject({ settings: { greeting: 'greeting v1' } });
      expect(greetingOf(sut)).toBe('greeting v2');
      await expect(sut.rules()).resolves.toMatchObject({ settings: { greeting: 'greeting v2' } });
    });

    it('lets the read in progress finish on shutdown and starts none after it', async () => {
      const { sut, settingsRead, hold, release } = setUp();
      sut.setCacheable(true);
      hold();
      void sut.changed();
      let destroyed = false;

      const destroying = sut.onModuleDestroy().then(() => {
        destroyed = true;
      });
      await new Promise(setImmediate);
      expect(destroyed).toBe(false);
      release();
      await destroying;
      await sut.changed();

      expect(greetingOf(sut)).toBe('greeting v1');
      expect(settingsRead.calls).toBe(1);
    });
  });
});

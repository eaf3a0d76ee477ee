import type { NestExpressApplication } from '@nestjs/platform-express';
import type { DataSource } from 'typeorm';
import { createStandardMenu, menuChanged, resetDatabase, type StandardMenu } from './factories.js';
import { createTestApp, createTestDatabase, dataSourceOf, type TestAppOptions } from './test-app.js';

/** What createTestApp takes, but the database: the file's own. */
export type AppOptions = Omit<TestAppOptions, 'databaseUrl'>;

export interface TestDatabase {
  readonly url: string;
  /** Starts an app on this database; it is closed after the file's tests, before the database is dropped. */
  createApp(options?: AppOptions): Promise<NestExpressApplication>;
}

/** A database of the file's own for its tests (created before all, dropped after all), and the apps started on it. */
export function useTestDatabase(): TestDatabase {
  let database: Awaited<ReturnType<typeof createTestDatabase>> | undefined;
  const apps: NestExpressApplication[] = [];

  beforeAll(async () => {
    database = await createTestDatabase();
  });

  afterAll(async () => {
    await Promise.all(apps.map((app) => app.close()));
    await database?.drop();
  });

  const url = (): string => {
    if (!database) throw new Error('The test database exists only from beforeAll on');
    return database.url;
  };
  return {
    get url() {
      return url();
    },
    async createApp(options: AppOptions = {}) {
      const app = await createTestApp({ databaseUrl: url(), ...options });
      apps.push(app);
      return app;
    },
  };
}

export interface UseTestAppOptions extends AppOptions {
  /**
   * The standard menu (Sales 1, Support 2, Billing 3 and an operator; `menu` in the context):
   * written once after the app starts, or before each test on emptied tables (resetDatabase).
   */
  readonly menu?: 'beforeAll' | 'beforeEach';
  /**
   * Before each test (and before its fresh menu), fakes Date only, at this moment: it keeps ticking
   * from there and timers stay real. Webhooks are stamped with the system time when they arrive.
   */
  readonly systemTime?: Date;
  /** Instances of the app on the one database, as behind a load balancer; the menu is written through the first. */
  readonly instances?: number;
}

export interface TestAppContext {
  /** The app (the first instance). */
  readonly app: NestExpressApplication;
  /** Every instance, the first one first. */
  readonly apps: readonly NestExpressApplication[];
  /** The first instance's DataSource. */
  readonly dataSource: DataSource;
  readonly databaseUrl: string;
  /** The standard menu; only when asked for with the `menu` option. */
  readonly menu: StandardMenu;
}

/**
 * The real app on a database of the file's own, for the tests of the `describe` it is called in:
 * started before all of them and closed (the database dropped) after all.
 */
export function useTestApp(options: UseTestAppOptions = {}): TestAppContext {
  const { menu: menuWhen, systemTime, instances = 1, ...appOptions } = options;
  const database = useTestDatabase();
  let apps: NestExpressApplication[] = [];
  let menu: StandardMenu | undefined;

  beforeAll(async () => {
    apps = await Promise.all(Array.from({ length: instances }, () => database.createApp(appOptions)));
    if (menuWhen === 'beforeAll') menu = await createStandardMenu(apps[0]);
  });

  if (systemTime) {
    beforeEach(() => {
      vi.useFakeTimers({ toFake: ['Date'], shouldAdvanceTime: true });
      vi.setSystemTime(systemTime);
    });
    afterEach(() => {
      vi.useRealTimers();
    });
  }

  if (menuWhen === 'beforeEach') {
    beforeEach(async () => {
      await resetDatabase(apps[0]);
      menu = await createStandardMenu(apps[0]);
      menuChanged(...apps.slice(1));
    });
  }

  const first = (): NestExpressApplication => {
    if (apps.length === 0) throw new Error('The app starts in beforeAll: use it inside hooks and tests');
    return apps[0];
  };
  return {
    get app() {
      return first();
    },
    get apps() {
      first();
      return apps;
    },
    get dataSource() {
      return dataSourceOf(first());
    },
    get databaseUrl() {
      return database.url;
    },
    get menu() {
      if (!menu) throw new Error('No menu: ask useTestApp for one with { menu: "beforeAll" | "beforeEach" }');
      return menu;
    },
  };
}

// A company's own NestJS backend that embeds the IVR, as a host would write it: it reaches the IVR only
// through the package's name (its public entry), and keeps its own database set-up, auth, pipes and logger.
import { Body, Controller, Get, Injectable, type LoggerService, Module, Post, UseGuards } from '@nestjs/common';
import { ScheduleModule } from '@nestjs/schedule';
import { HealthCheck, HealthCheckService, type HealthCheckResult, TerminusModule } from '@nestjs/terminus';
import { ThrottlerGuard, ThrottlerModule } from '@nestjs/throttler';
import { InjectRepository, TypeOrmModule } from '@nestjs/typeorm';
import { IsString, MaxLength } from 'class-validator';
import type { Request } from 'express';
import { pino, type Logger } from 'pino';
import { Column, Entity, type MigrationInterface, PrimaryGeneratedColumn, type QueryRunner, Repository } from 'typeorm';
import { type AdminActor, IVR_ENTITIES, IvrHealthIndicator, IvrModule } from 'twilio-ivr-backend';

export const COMPANY_DATA_SOURCE = 'company';

/** The company's own table, in public, under its own migrations. */
@Entity({ name: 'notes' })
export class Note {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column('text')
  text!: string;
}

export class CreateNotes1700000000000 implements MigrationInterface {
  name = 'CreateNotes1700000000000';
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('CREATE TABLE public.notes (id serial PRIMARY KEY, text text NOT NULL)');
  }
  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE public.notes');
  }
}

class CreateNoteDto {
  @IsString()
  @MaxLength(100)
  text!: string;
}

@Controller('notes')
// The company's own rate limit (3 a minute), with its own ThrottlerModule.
@UseGuards(ThrottlerGuard)
class NotesController {
  constructor(@InjectRepository(Note, COMPANY_DATA_SOURCE) private readonly notes: Repository<Note>) {}

  @Post()
  create(@Body() note: CreateNoteDto): Promise<Note> {
    return this.notes.save(this.notes.create({ text: note.text }));
  }

  @Get()
  list(): Promise<Note[]> {
    return this.notes.find();
  }
}

/** The company's own readiness endpoint, with the IVR's part in it. */
@Controller('health')
class CompanyHealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly ivr: IvrHealthIndicator,
  ) {}

  @Get()
  @HealthCheck()
  check(): Promise<HealthCheckResult> {
    return this.health.check([() => this.ivr.isHealthy('ivr')]);
  }
}

/** The company's sign-in: a session header it issued, mapped to IVR roles. */
export const COMPANY_SESSIONS: Readonly<Record<string, AdminActor>> = {
  'session-alice': { id: 'user-17', name: 'Alice Operator', role: 'admin' },
  'session-victor': { id: 'user-18', name: 'Victor Viewer', role: 'viewer' },
};

/** The session a browser sends in the company's cookie, or an API client in a header. */
const companyActor = (request: Request): AdminActor | undefined => {
  const cookie = /(?:^|;\s*)company_session=([^;]+)/.exec(request.header('cookie') ?? '')?.[1];
  return COMPANY_SESSIONS[request.header('x-company-session') ?? cookie ?? ''];
};

export interface CompanySettings {
  readonly databaseUrl: string;
  readonly publicBaseUrl: string;
  readonly twilioAuthToken: string;
  readonly spoolDir: string;
  /** Where the IVR's console is served under /api (default `ivr-console`); false: not at all. */
  readonly consolePath?: string | false;
}

export function companyAppModule(settings: CompanySettings): new () => unknown {
  @Module({
    imports: [
      ScheduleModule.forRoot(),
      TerminusModule.forRoot({ logger: false }),
      ThrottlerModule.forRoot([{ ttl: 60_000, limit: 3 }]),
      TypeOrmModule.forRoot({
        name: COMPANY_DATA_SOURCE,
        type: 'postgres',
        url: settings.databaseUrl,
        entities: [Note, ...IVR_ENTITIES],
        migrations: [CreateNotes1700000000000],
        migrationsRun: true,
      }),
      TypeOrmModule.forFeature([Note], COMPANY_DATA_SOURCE),
      IvrModule.forRootAsync({
        dataSource: COMPANY_DATA_SOURCE,
        // The admin API and the console where the company wants them: /api/ivr-admin/…, /api/ivr-console/ (the
        // webhooks stay at /api/voice/…).
        paths: { admin: 'ivr-admin', console: settings.consolePath ?? 'ivr-console' },
        useFactory: () => ({
          twilioAuthToken: settings.twilioAuthToken,
          publicBaseUrl: settings.publicBaseUrl,
          spoolDir: settings.spoolDir,
          migrations: 'run',
          adminActorResolver: companyActor,
        }),
      }),
    ],
    controllers: [NotesController, CompanyHealthController],
  })
  class CompanyAppModule {}
  return CompanyAppModule;
}

/** The company's own pino logger, keeping its lines in memory for the test to read. */
@Injectable()
export class CompanyLogger implements LoggerService {
  readonly lines: Record<string, unknown>[] = [];
  private readonly pino: Logger = pino(
    { level: 'info' },
    { write: (line: string) => void this.lines.push(JSON.parse(line) as Record<string, unknown>) },
  );

  log(message: unknown, context?: string): void {
    this.write('info', message, context);
  }
  error(message: unknown, ...rest: unknown[]): void {
    this.write('error', message, rest.at(-1) as string | undefined);
  }
  warn(message: unknown, context?: string): void {
    this.write('warn', message, context);
  }

  private write(level: 'info' | 'warn' | 'error', message: unknown, context?: string): void {
    if (message instanceof Error) this.pino[level]({ context, err: message }, message.message);
    else if (typeof message === 'object' && message !== null) this.pino[level]({ context, ...message });
    else this.pino[level]({ context }, String(message));
  }
}

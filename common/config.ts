/**
 * Typed configuration from the environment, validated once at start. An invalid value stops the
 * process with a message that names the variable.
 */
import { z } from 'zod';

const booleanFlag = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((value) => value === 'true' || value === '1' || value === 'yes');

const configSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  HOST: z.string().default('127.0.0.1'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  /** Public base URL of the web app, used in links sent by e-mail. */
  PUBLIC_URL: z.url().optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  DATA_DIR: z.string().default('./data'),
  DATABASE_URL: z.string().optional(),
  TEMPORAL_ADDRESS: z.string().default('127.0.0.1:7233'),
  TEMPORAL_NAMESPACE: z.string().default('default'),
  TEMPORAL_TASK_QUEUE: z.string().default('khidmat'),
  TEMPORAL_TLS_CERT_PATH: z.string().optional(),
  TEMPORAL_TLS_KEY_PATH: z.string().optional(),
  TEMPORAL_TLS_CA_PATH: z.string().optional(),
  TEMPORAL_TLS_SERVER_NAME: z.string().optional(),
  TEMPORAL_API_KEY: z.string().optional(),
  TEMPORAL_UI_URL: z.string().default('http://localhost:8233'),
  SMTP_URL: z.string().optional(),
  MAIL_FROM: z.string().default('Khidmat <khidmat@localhost>'),
  /**
   * Secret of at least 32 characters from which the key that encrypts stored IMAP passwords is
   * derived. When unset, a key file is created in DATA_DIR, so set this when the API and the worker
   * do not share a data directory.
   */
  MAIL_SECRET_KEY: z.string().min(32).optional(),
  COOKIE_SECURE: booleanFlag.optional(),
  /**
   * Whether to take the client address from X-Forwarded-For: 'true' behind a reverse proxy that
   * sets it, or the proxies' addresses separated by commas. Off by default, because a client could
   * otherwise choose its own address and dodge the sign-in rate limit.
   */
  TRUST_PROXY: z.string().default('false'),
  SESSION_TTL_HOURS: z.coerce.number().positive().default(12),
  ATTACHMENT_MAX_BYTES: z.coerce
    .number()
    .int()
    .positive()
    .default(10 * 1024 * 1024),
  ATTACHMENT_MAX_COUNT: z.coerce.number().int().positive().default(10),
  /** Hours after resolution during which the customer may confirm or reopen. */
  CONFIRMATION_WINDOW_HOURS: z.coerce.number().positive().default(120),
  /** Share of a service-level target after which the assignee is warned. */
  SLA_WARNING_SHARE: z.coerce.number().gt(0).lt(1).default(0.75),
  LOGIN_MAX_FAILURES: z.coerce.number().int().positive().default(5),
  LOGIN_LOCK_MINUTES: z.coerce.number().positive().default(15),
  LOGIN_IP_LIMIT_PER_MINUTE: z.coerce.number().int().positive().default(30),
  KHIDMAT_ADMIN_EMAIL: z.email().optional(),
  KHIDMAT_ADMIN_PASSWORD: z.string().min(10).optional(),
});

export type Config = z.infer<typeof configSchema>;

/** Parses the configuration, throwing one error that lists every invalid variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const result = configSchema.safeParse(env);
  if (!result.success) {
    const lines = result.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
    throw new Error(`Invalid configuration:\n${lines.join('\n')}`);
  }
  return result.data;
}

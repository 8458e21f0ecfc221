/**
 * Creates a staff member or an admin (the first admin, typically):
 *   node dist/scripts/create-user.js --role admin --login x --password y [--township jifeng] [--name 显示名]
 * Uses DATABASE_URL / DATABASE_SCHEMA and the PII keys like the platform; runs no migrations.
 * Prints the created user as JSON (personal data masked); exits 1 with a JSON error otherwise.
 */
import { parseArgs } from 'node:util';
import { NestFactory } from '@nestjs/core';
import { ConfigError, DomainError, Role } from '@app/platform';
import { UsersService } from '@app/identity';
import { ensureDevSecrets } from './dev-secrets';
import { IdentityScriptModule } from './seed-demo';

const USAGE =
  'usage: create-user --role staff|admin --login LOGIN --password PASSWORD [--township CODE] [--name DISPLAY_NAME]';

async function main(): Promise<number> {
  // The secrets `npm start` generated on a developer's machine (.data/secrets.env), like the platform.
  ensureDevSecrets(process.env);
  const { values } = parseArgs({
    options: {
      role: { type: 'string' },
      login: { type: 'string' },
      password: { type: 'string' },
      township: { type: 'string' },
      name: { type: 'string' },
    },
    strict: true,
  });
  if (!values.role || !values.login || !values.password) {
    process.stderr.write(`${USAGE}\n`);
    return 2;
  }
  if (values.role !== Role.Staff && values.role !== Role.Admin) {
    process.stderr.write(`--role must be staff or admin\n${USAGE}\n`);
    return 2;
  }
  if (values.password.length < 8) {
    process.stdout.write(
      JSON.stringify({ error: { code: 'validation-failed', message: 'password: at least 8 characters' } }) +
        '\n',
    );
    return 1;
  }
  const app = await NestFactory.createApplicationContext(IdentityScriptModule, { logger: ['error'] });
  try {
    const user = await app.get(UsersService).createPrivileged(null, {
      role: values.role,
      login: values.login,
      password: values.password,
      displayName: values.name ?? values.login,
      townshipCode: values.township,
    });
    process.stdout.write(JSON.stringify(user) + '\n');
    return 0;
  } catch (err) {
    if (err instanceof DomainError) {
      process.stdout.write(
        JSON.stringify({ error: { code: err.code, message: err.message, fields: err.fields } }) + '\n',
      );
      return 1;
    }
    throw err;
  } finally {
    await app.close();
  }
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    if (err instanceof ConfigError) process.stderr.write(`create-user: ${err.message}\n`);
    else process.stderr.write(`create-user: failed: ${(err as Error)?.stack ?? String(err)}\n`);
    process.exit(1);
  },
);

import { ROLES, translate, type Role } from '@flowpilot/contract';
import { MIN_PASSWORD_LENGTH, addOrganizationMember, createApiToken, createUser, ensureOrganization, listOrganizationMembers, normalizeEmail, resetMemberPassword, type AuditActor, type UserProblem } from '@flowpilot/services';
import { CliError, EXIT_CODES, printJson, type CliContext } from '../cli-context';
import { organizationOf, withDatabase } from '../open-cli-database';
import type { CommandRegistration } from './index';

const CLI_ACTOR: AuditActor = { userId: null, email: null, via: 'cli' };

function roleOf(context: CliContext, value: string): Role {
  if (!(ROLES as readonly string[]).includes(value)) throw new CliError(EXIT_CODES.usage, translate(context.language, 'auth.problem.role_unknown'));
  return value as Role;
}

function passwordOf(context: CliContext, option: string | undefined): string {
  const password = option ?? context.env.FLOWPILOT_PASSWORD;
  if (!password) throw new CliError(EXIT_CODES.usage, translate(context.language, 'auth.cli.user.missingPassword'));
  return password;
}

function problemError(context: CliContext, problem: UserProblem): CliError {
  const code = problem === 'not_found' ? EXIT_CODES.notFound : EXIT_CODES.invalidInput;
  return new CliError(code, translate(context.language, `auth.problem.${problem}`, { min: MIN_PASSWORD_LENGTH }));
}

/** `flowpilot user create|list|role|reset-password|token`: user administration from the command line (the first admin too). */
export const registerUserCommands: CommandRegistration = (program, context) => {
  const t = (key: string, params?: Record<string, unknown>): string => translate(context.language, key, params);
  const user = program.command('user').description(t('auth.cli.user.description'));

  user.command('create').description(t('auth.cli.user.create.description'))
    .requiredOption('--email <email>', t('auth.cli.user.option.email'))
    .requiredOption('--name <name>', t('auth.cli.user.option.name'))
    .option('--role <role>', t('auth.cli.user.option.role'), 'admin')
    .option('--password <password>', t('auth.cli.user.option.password'))
    .option('--language <language>', t('auth.cli.user.option.language'))
    .option('--org <organization>', t('cli.option.org'))
    .option('--json', t('cli.option.json'))
    .action(async (options: { email: string; name: string; role: string; password?: string; language?: string; org?: string; json?: boolean }) => {
      const organizationId = organizationOf(context, options.org);
      const role = roleOf(context, options.role);
      const password = passwordOf(context, options.password);
      const language = options.language === 'fr' || options.language === 'en' ? options.language : null;
      await withDatabase(context, async (handle) => {
        await ensureOrganization(handle.db, organizationId);
        const outcome = await createUser(handle, { organizationId, email: options.email, displayName: options.name, password, role, language, actor: CLI_ACTOR });
        if (!outcome.ok) throw problemError(context, outcome.problem);
        if (options.json) printJson(context, outcome.value);
        else context.stdout(t('auth.cli.user.created', { email: outcome.value.email, organization: organizationId, role }) + '\n');
      });
    });

  user.command('list').description(t('auth.cli.user.list.description'))
    .option('--org <organization>', t('cli.option.org'))
    .option('--json', t('cli.option.json'))
    .action(async (options: { org?: string; json?: boolean }) => {
      const organizationId = organizationOf(context, options.org);
      await withDatabase(context, async (handle) => {
        const members = await listOrganizationMembers(handle, organizationId);
        if (options.json) return printJson(context, members);
        for (const m of members) context.stdout(`${m.email.padEnd(36)} ${m.role.padEnd(10)} ${m.active ? '' : '(inactive) '}${m.displayName}\n`);
      });
    });

  user.command('role').description(t('auth.cli.user.role.description'))
    .requiredOption('--email <email>', t('auth.cli.user.option.email'))
    .requiredOption('--role <role>', t('auth.cli.user.option.role'))
    .option('--org <organization>', t('cli.option.org'))
    .option('--json', t('cli.option.json'))
    .action(async (options: { email: string; role: string; org?: string; json?: boolean }) => {
      const organizationId = organizationOf(context, options.org);
      const role = roleOf(context, options.role);
      await withDatabase(context, async (handle) => {
        await ensureOrganization(handle.db, organizationId);
        const outcome = await addOrganizationMember(handle, { organizationId, email: options.email, role, actor: CLI_ACTOR });
        if (!outcome.ok) throw problemError(context, outcome.problem);
        if (options.json) printJson(context, outcome.value);
        else context.stdout(t('auth.cli.user.role.done', { email: outcome.value.email, role, organization: organizationId }) + '\n');
      });
    });

  user.command('reset-password').description(t('auth.cli.user.reset.description'))
    .requiredOption('--email <email>', t('auth.cli.user.option.email'))
    .option('--password <password>', t('auth.cli.user.option.password'))
    .option('--org <organization>', t('cli.option.org'))
    .action(async (options: { email: string; password?: string; org?: string }) => {
      const organizationId = organizationOf(context, options.org);
      const password = passwordOf(context, options.password);
      await withDatabase(context, async (handle) => {
        const member = (await listOrganizationMembers(handle, organizationId)).find((m) => m.email === normalizeEmail(options.email));
        if (!member) throw problemError(context, 'not_found');
        const outcome = await resetMemberPassword(handle, { organizationId, userId: member.userId, password, actor: CLI_ACTOR });
        if (!outcome.ok) throw problemError(context, outcome.problem);
        context.stdout(t('auth.cli.user.reset.done', { email: member.email }) + '\n');
      });
    });

  user.command('token').description(t('auth.cli.user.token.description'))
    .requiredOption('--email <email>', t('auth.cli.user.option.email'))
    .requiredOption('--name <name>', t('auth.cli.user.option.name'))
    .option('--org <organization>', t('cli.option.org'))
    .option('--json', t('cli.option.json'))
    .action(async (options: { email: string; name: string; org?: string; json?: boolean }) => {
      const organizationId = organizationOf(context, options.org);
      await withDatabase(context, async (handle) => {
        const member = (await listOrganizationMembers(handle, organizationId)).find((m) => m.email === normalizeEmail(options.email));
        if (!member) throw problemError(context, 'not_found');
        const outcome = await createApiToken(handle, { organizationId, userId: member.userId, name: options.name, actor: CLI_ACTOR });
        if (!outcome.ok) throw new CliError(EXIT_CODES.invalidInput, t(`auth.problem.${outcome.problem}`));
        if (options.json) printJson(context, { id: outcome.id, name: options.name, email: member.email, secret: outcome.secret });
        else context.stdout(t('auth.cli.user.token.done', { name: options.name, email: member.email, secret: outcome.secret }) + '\n');
      });
    });
};

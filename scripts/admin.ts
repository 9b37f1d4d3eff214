/**
 * Operator commands. `npm run admin -- token --role admin --name "Ops laptop"` creates a
 * user with those roles and prints a bearer token for it, once.
 */
import { parseArgs } from 'node:util';
import { ROLES, type Role } from '../src/domain/users/roles.js';
import { exitWith, withDomain } from './with-domain.js';

const USAGE = `Usage:
  npm run admin -- token --name NAME [--role ROLE]...   create a user with these roles and print a token
Roles: ${ROLES.join(', ')}`;

async function main(): Promise<number> {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: { role: { type: 'string', multiple: true }, name: { type: 'string' }, help: { type: 'boolean' } },
  });
  if (values.help || positionals[0] !== 'token') {
    console.error(USAGE);
    return values.help ? 0 : 2;
  }
  const roles = values.role ?? ['admin'];
  const unknown = roles.filter((role) => !(ROLES as readonly string[]).includes(role));
  const name = values.name?.trim();
  if (unknown.length > 0 || !name || name.length > 80) {
    console.error(unknown.length > 0 ? `Unknown role: ${unknown.join(', ')}` : 'Give a --name of 1-80 characters.');
    console.error(USAGE);
    return 2;
  }
  return withDomain(async (services) => {
    const user = await services.users.create({ displayName: name, roles: roles as Role[] });
    const { token } = await services.tokens.issue(user._id, { name });
    console.log(`Created user ${String(user._id)} (${user.roles.join(', ')}).`);
    console.log(`Token (shown once, keep it secret):\n${token}`);
    return 0;
  });
}

exitWith('admin', main());

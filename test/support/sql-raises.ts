// Every error code the SQL functions can raise, read from the migrations' text (not from
// supabase/API.md), with the field each is about. A function raises directly
// (`private.invalid('required', 'givenName')`) or through the helpers it calls, which
// take the field's name as their second argument (`private.text_field(payload,
// 'givenName', 100, true)` raises what text_field raises, about givenName).
import { readFileSync } from 'node:fs';
import { listMigrationFiles } from '../../scripts/database.ts';

export interface Raise {
  code: string;
  /** The field it is about, or undefined when it is about the whole call. */
  field: string | undefined;
}

interface SqlFunction {
  name: string;
  body: string;
}

/** Parameters passed on: a raise about `field` inside a helper is about the caller's field. */
const passedField = Symbol('the caller’s field');
type FieldRef = string | typeof passedField | undefined;

/** The migrations' functions, comments removed (a comment may mention any code). */
export function sqlFunctions(): Map<string, SqlFunction> {
  const functions = new Map<string, SqlFunction>();
  for (const file of listMigrationFiles()) {
    const text = readFileSync(file, 'utf8').replace(/--[^\n]*/g, '');
    // In order, so a function moved (`alter function public.x(…) set schema private`) or
    // renamed (`alter function private.x(…) rename to y`) keeps its body under its new name.
    const statements = /create\s+(?:or\s+replace\s+)?function\s+((?:public|private)\.\w+)\s*\([\s\S]*?\$\$([\s\S]*?)\$\$|alter\s+function\s+((?:public|private)\.\w+)\s*\([^)]*\)\s+(?:set\s+schema\s+(\w+)|rename\s+to\s+(\w+))/gi;
    for (const match of text.matchAll(statements)) {
      if (match[1]) {
        functions.set(match[1], { name: match[1], body: match[2]! });
        continue;
      }
      const moved = functions.get(match[3]!);
      if (!moved) continue;
      const [schema, name] = match[3]!.split('.') as [string, string];
      const renamed = match[4] ? `${match[4]}.${name}` : `${schema}.${match[5]}`;
      functions.delete(match[3]!);
      functions.set(renamed, { name: renamed, body: moved.body });
    }
  }
  return functions;
}

/** The arguments of a call starting just after its "(", split at top-level commas. */
function callArguments(text: string): string[] {
  const args: string[] = [];
  let depth = 0;
  let quoted = false;
  let current = '';
  for (const character of text) {
    if (character === "'") quoted = !quoted;
    if (!quoted && character === '(') depth++;
    if (!quoted && character === ')') {
      if (depth === 0) break;
      depth--;
    }
    if (!quoted && depth === 0 && character === ',') {
      args.push(current.trim());
      current = '';
      continue;
    }
    current += character;
  }
  args.push(current.trim());
  return args;
}

const fieldOf = (argument: string | undefined): FieldRef => {
  if (argument === undefined) return undefined;
  const literal = /^'(\w*)'$/.exec(argument);
  if (literal) return literal[1] || undefined;
  return argument === 'field' ? passedField : undefined;
};

/** What one function raises, its helpers' raises included; `field` is the field its caller passed. */
function raisesOf(functions: Map<string, SqlFunction>, name: string, field: string | undefined, seen: Set<string>): Raise[] {
  const fn = functions.get(name);
  if (!fn || seen.has(`${name}:${field}`)) return [];
  seen.add(`${name}:${field}`);
  const resolve = (ref: FieldRef) => (ref === passedField ? field : ref);
  const raises: Raise[] = [];
  for (const call of fn.body.matchAll(/private\.(\w+)\s*\(/g)) {
    const args = callArguments(fn.body.slice(call.index! + call[0].length));
    if (call[1] === 'invalid' || call[1] === 'refuse') {
      const code = /^'(\w+)'$/.exec(args[0] ?? '')?.[1];
      if (code) raises.push({ code, field: resolve(fieldOf(args[1])) });
      continue;
    }
    raises.push(...raisesOf(functions, `private.${call[1]}`, resolve(fieldOf(args[1])), seen));
  }
  return raises;
}

/** Every (code, field) a public function can raise, each once. */
export function raisesOfFunction(name: string, functions = sqlFunctions()): Raise[] {
  const unique = new Map<string, Raise>();
  for (const raise of raisesOf(functions, `public.${name}`, undefined, new Set())) unique.set(`${raise.code}:${raise.field}`, raise);
  return [...unique.values()];
}

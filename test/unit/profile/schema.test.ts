import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, it } from 'node:test';
import Ajv from 'ajv';
import ts from 'typescript';
import { BUILTIN_PROFILES, parseProfile, ProfileError, validateProfile } from '../../../server/src/engine';

const REPO = resolve(__dirname, '../../../..');
const schema = JSON.parse(readFileSync(join(REPO, 'profiles/profile.schema.json'), 'utf8'));

interface Schema {
  $ref?: string;
  type?: string;
  enum?: string[];
  required?: string[];
  properties?: Record<string, Schema>;
  items?: Schema;
}

const deref = (s: Schema): Schema => (s.$ref ? schema.definitions[s.$ref.replace('#/definitions/', '')] : s);

function validator() {
  const ajv = new Ajv({ allErrors: true, strict: true });
  ajv.addFormat('regex', { validate: (s: string) => { try { new RegExp(s); return true; } catch { return false; } } });
  return ajv.compile(schema);
}

const clone = <T>(v: T): T => JSON.parse(JSON.stringify(v));
const gen3 = () => clone(BUILTIN_PROFILES.gen3) as any;

describe('profiles/profile.schema.json', () => {
  it('accepts both built-in profiles, and they point at it', () => {
    const validate = validator();
    for (const id of ['gen3', 'defra']) {
      const text = readFileSync(join(REPO, `profiles/${id}.json`), 'utf8');
      const ok = validate(JSON.parse(text));
      assert.ok(ok, `${id}: ${JSON.stringify(validate.errors)}`);
      assert.equal(JSON.parse(text).$schema, './profile.schema.json');
    }
  });

  it('rejects what validateProfile rejects', () => {
    const validate = validator();
    const broken: Array<(p: any) => void> = [
      (p) => delete p.id,
      (p) => (p.fips = 'yes'),
      (p) => (p.user.uid = 'gen3'),
      (p) => (p.repositories = []),
      (p) => (p.repositories[0].role = 'runtime'),
      (p) => (p.repositories[0].tags[0].status = 'old'),
      (p) => (p.repositories[0].tagPatterns[0].regex = '(unclosed'),
      (p) => (p.repositories[0].tagPatterns[0].kind = 'nightly'),
      (p) => (p.recommendations = {}),
    ];
    for (const breakIt of broken) {
      const p = gen3();
      breakIt(p);
      assert.ok(validateProfile(p).length > 0, `validateProfile accepts ${breakIt}`);
      assert.equal(validate(p), false, `the schema accepts ${breakIt}`);
    }
  });

  // The schema is written by hand for editors; this keeps it in step with the TypeScript types rules use.
  it('has exactly the properties, required properties and enums of server/src/engine/profile/schema.ts', () => {
    const file = join(REPO, 'server/src/engine/profile/schema.ts');
    const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
    const interfaces = new Map<string, ts.InterfaceDeclaration>();
    const aliases = new Map<string, ts.TypeAliasDeclaration>();
    source.forEachChild((node) => {
      if (ts.isInterfaceDeclaration(node)) interfaces.set(node.name.text, node);
      if (ts.isTypeAliasDeclaration(node)) aliases.set(node.name.text, node);
    });

    const compareType = (type: ts.TypeNode, s: Schema, at: string): void => {
      s = deref(s);
      if (ts.isArrayTypeNode(type)) {
        assert.equal(s.type, 'array', at);
        return compareType(type.elementType, s.items!, `${at}[]`);
      }
      if (ts.isTypeReferenceNode(type)) {
        const name = type.typeName.getText();
        if (name === 'Array') {
          assert.equal(s.type, 'array', at);
          return compareType(type.typeArguments![0], s.items!, `${at}[]`);
        }
        if (interfaces.has(name)) return compareMembers(interfaces.get(name)!.members, s, at);
        const alias = aliases.get(name);
        assert.ok(alias, `${at}: unknown type ${name}`);
        return compareType(alias.type, s, at);
      }
      if (ts.isTypeLiteralNode(type)) return compareMembers(type.members, s, at);
      if (ts.isUnionTypeNode(type)) {
        const values = type.types.map((t) => (ts.isLiteralTypeNode(t) && ts.isStringLiteral(t.literal) ? t.literal.text : undefined));
        assert.ok(values.every((v) => v !== undefined), `${at}: only string literal unions are expected`);
        assert.equal(s.type, 'string', at);
        assert.deepEqual(s.enum, values, `${at}: enum`);
        return;
      }
      const keywords = new Map([[ts.SyntaxKind.StringKeyword, ['string']], [ts.SyntaxKind.NumberKeyword, ['number', 'integer']], [ts.SyntaxKind.BooleanKeyword, ['boolean']]]);
      const keyword = keywords.get(type.kind);
      assert.ok(keyword, `${at}: unexpected type ${type.getText()}`);
      assert.ok(keyword.includes(s.type!), `${at}: schema type ${s.type}, TypeScript ${type.getText()}`);
    };

    const compareMembers = (members: ts.NodeArray<ts.TypeElement>, s: Schema, at: string): void => {
      s = deref(s);
      assert.equal(s.type, 'object', at);
      const props = members.filter(ts.isPropertySignature);
      const names = props.map((p) => p.name.getText()).sort();
      assert.deepEqual(Object.keys(s.properties ?? {}).filter((k) => k !== '$schema').sort(), names, `${at}: properties`);
      assert.deepEqual([...(s.required ?? [])].sort(), props.filter((p) => !p.questionToken).map((p) => p.name.getText()).sort(), `${at}: required`);
      for (const p of props) compareType(p.type!, s.properties![p.name.getText()], `${at}.${p.name.getText()}`);
    };

    compareMembers(interfaces.get('Profile')!.members, schema, 'profile');
  });
});

describe('validateProfile and parseProfile', () => {
  const problems = (breakIt: (p: any) => void) => {
    const p = gen3();
    breakIt(p);
    return validateProfile(p);
  };

  it('accept the built-in profiles', () => {
    assert.deepEqual(validateProfile(BUILTIN_PROFILES.gen3), []);
    assert.deepEqual(validateProfile(BUILTIN_PROFILES.defra), []);
  });

  it('hold every fact\'s source to a key of data.sources, and data.checked to a date', () => {
    assert.deepEqual(problems((p) => (p.repositories[0].tags[0].source = 'nowhere')), ['repositories[0].tags[0].source must be a key of data.sources']);
    assert.deepEqual(problems((p) => (p.user.source = 'nowhere')), ['user.source must be a key of data.sources']);
    assert.deepEqual(problems((p) => (p.data.checked = 'last week')), ['"data" needs "checked" (YYYY-MM-DD) and "sources" (key → citation)']);
    assert.deepEqual(problems((p) => (p.user.require = 'gen3')), ['"user.require" must be "named" or "non-root"']);
    assert.deepEqual(problems((p) => (p.scope.covers = 'python')), ['"scope" needs "covers" ("python-applications" or "all-images") and a "description"']);
  });

  it('the built-in profiles cite a source for every tag, and say when their data was checked', () => {
    for (const profile of Object.values(BUILTIN_PROFILES)) {
      assert.match(profile.data!.checked, /^\d{4}-\d{2}-\d{2}$/);
      for (const repo of profile.repositories) for (const tag of repo.tags) assert.ok(tag.source && profile.data!.sources[tag.source], `${profile.id} ${repo.name}:${tag.name}`);
    }
  });

  it('name the JSON path of what is wrong', () => {
    assert.deepEqual(problems((p) => delete p.title), ['"title" must be a non-empty string']);
    assert.deepEqual(problems((p) => (p.python.supported = [3.13])), ['"python.supported" must be a list of versions like "3.13"']);
    assert.deepEqual(problems((p) => (p.repositories[0].role = 'runtime')), ['repositories[0].role must be base, production or development']);
    assert.deepEqual(problems((p) => delete p.repositories[0].tags[2].user), ['repositories[0].tags[2] needs a name, a user and a status of stable, deprecated, floating or rejected']);
    assert.deepEqual(problems((p) => (p.repositories[0].tagPatterns[1].regex = '(?<x')), ['repositories[0].tagPatterns[1].regex must be a regular expression in RE2 syntax (no lookaround or backreferences): invalid named capture']);
    assert.deepEqual(problems((p) => (p.repositories[0].tagPatterns[0].kind = 'nightly')), ['repositories[0].tagPatterns[0].kind must be feature-branch, release or floating']);
  });

  it('check every required top-level property and every enum of the schema', () => {
    for (const key of schema.required as string[]) {
      const found = problems((p) => delete p[key]);
      assert.ok(found.some((m) => m.includes(key)), `missing "${key}": ${JSON.stringify(found)}`);
    }
    for (const key of schema.definitions.RuntimeUser.required as string[]) {
      assert.ok(problems((p) => delete p.user[key]).some((m) => m.includes('"user"')), `missing user.${key}`);
    }
    const enums: Array<[string[], (p: any, v: string) => void]> = [
      [schema.definitions.RepositoryRole.enum, (p, v) => (p.repositories[0].role = v)],
      [schema.definitions.TagStatus.enum, (p, v) => (p.repositories[0].tags[0].status = v)],
      [schema.definitions.TagPatternKind.enum, (p, v) => (p.repositories[0].tagPatterns[0].kind = v)],
    ];
    for (const [values, set] of enums) {
      for (const v of values) assert.deepEqual(problems((p) => set(p, v)), [], `${v} is in the schema's enum`);
      assert.equal(problems((p) => set(p, 'something-else')).length, 1);
    }
  });

  it('parseProfile throws a ProfileError naming the file', () => {
    assert.throws(() => parseProfile('{', 'team.json'), (e: unknown) => e instanceof ProfileError && /^team\.json is not valid JSON: /.test(e.message));
    assert.throws(
      () => parseProfile(JSON.stringify({ ...gen3(), fips: 'on' }), 'team.json'),
      (e: unknown) => e instanceof ProfileError && e.message === 'team.json is not a valid profile: "fips" must be true or false',
    );
  });
});

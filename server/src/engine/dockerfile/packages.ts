import { own } from '../dict';
import type { Command, Word } from './shell';

/**
 * What the engine knows about OS package managers: which family a command belongs to, what each of its
 * subcommands does, and how to say the same with another family's manager. This is general Linux
 * knowledge, not an organisation's standard: profiles only say which managers their images have.
 */
export type ManagerFamily = 'apt' | 'dnf' | 'apk';

const FAMILIES: Record<string, ManagerFamily> = { 'apt-get': 'apt', apt: 'apt', dpkg: 'apt', dnf: 'dnf', microdnf: 'dnf', yum: 'dnf', rpm: 'dnf', apk: 'apk' };

export type Action = 'install' | 'remove' | 'update' | 'upgrade' | 'clean' | 'autoremove' | 'other';

const ACTIONS: Record<string, Action> = {
  install: 'install',
  add: 'install',
  reinstall: 'install',
  remove: 'remove',
  purge: 'remove',
  erase: 'remove',
  del: 'remove',
  update: 'update',
  makecache: 'update',
  upgrade: 'upgrade',
  'dist-upgrade': 'upgrade',
  'full-upgrade': 'upgrade',
  clean: 'clean',
  autoclean: 'clean',
  autoremove: 'autoremove',
};

/** A package-manager invocation in a RUN. */
export interface PackageCommand {
  command: Command;
  manager: Word;
  family: ManagerFamily;
  action: Action;
  /** The words from the manager up to the last option before the first package. */
  head: Word[];
  packages: Word[];
  /** Options written after the packages. */
  trailing: Word[];
}

export function managerFamily(name: string): ManagerFamily | undefined {
  return own(FAMILIES, name);
}

export function packageCommand(command: Command): PackageCommand | undefined {
  const manager = command.name;
  const family = manager && managerFamily(manager.value);
  if (!manager || !family) return undefined;
  const rest = command.words.slice(command.nameIndex + 1);
  const sub = manager.value === 'dpkg' || manager.value === 'rpm' ? undefined : rest.find((w) => !w.value.startsWith('-'));
  const action: Action = (sub && own(ACTIONS, sub.value)) ?? 'other';
  const afterSub = sub ? rest.slice(rest.indexOf(sub) + 1) : rest;
  const firstPackage = afterSub.findIndex((w) => !w.value.startsWith('-'));
  const head = [manager, ...(sub ? rest.slice(0, rest.indexOf(sub) + 1) : []), ...(firstPackage < 0 ? afterSub : afterSub.slice(0, firstPackage))];
  const tail = firstPackage < 0 ? [] : afterSub.slice(firstPackage);
  return {
    command,
    manager,
    family,
    action,
    head,
    packages: tail.filter((w) => !w.value.startsWith('-')),
    trailing: tail.filter((w) => w.value.startsWith('-')),
  };
}

/** Whether a command changes the system's packages, which needs root. */
export function changesPackages(pc: PackageCommand): boolean {
  return pc.action !== 'other' || pc.manager.value === 'dpkg' || pc.manager.value === 'rpm';
}

/** `rm -rf /var/lib/apt/lists/*`: apt's cache clean-up, which has a counterpart in every family. */
export function isAptListsCleanup(command: Command): boolean {
  return command.name?.value === 'rm' && command.words.slice(command.nameIndex + 1).some((w) => w.value.startsWith('/var/lib/apt/lists'));
}

/** How a family says each action, with the flags an unattended build needs. */
const SAY: Record<ManagerFamily, Partial<Record<Action, string>> & { cleanup: string }> = {
  apt: {
    // apt needs its package lists before an install; slim images ship without them.
    install: 'apt-get update && apt-get install -y --no-install-recommends',
    remove: 'apt-get remove -y',
    update: 'apt-get update',
    upgrade: 'apt-get upgrade -y',
    clean: 'apt-get clean',
    autoremove: 'apt-get autoremove -y',
    cleanup: 'rm -rf /var/lib/apt/lists/*',
  },
  dnf: {
    install: 'dnf install -y',
    remove: 'dnf remove -y',
    update: 'dnf makecache',
    upgrade: 'dnf upgrade -y',
    clean: 'dnf clean all',
    autoremove: 'dnf autoremove -y',
    cleanup: 'dnf clean all',
  },
  apk: { install: 'apk add --no-cache', remove: 'apk del', update: 'apk update', upgrade: 'apk upgrade', cleanup: 'rm -rf /var/cache/apk/*' },
};

/** The command that does `action` with `manager` (e.g. `dnf`, `microdnf`), or `undefined` if it has none. */
export function commandFor(action: Action | 'cleanup', manager: string): string | undefined {
  const family = managerFamily(manager);
  const said = family && (action === 'cleanup' ? SAY[family].cleanup : action === 'other' ? undefined : SAY[family][action]);
  if (!said || !family) return undefined;
  // yum takes dnf's arguments, so a profile that lists it first gets it; others get the family's usual command.
  return manager === 'yum' ? said.split('dnf').join('yum') : said;
}

/**
 * Debian package names and their Amazon Linux 2023 / Fedora counterparts, for the packages Python
 * services install most. A name not listed is never guessed: the fix that would need it is only a
 * suggestion.
 */
const DEBIAN_TO_RPM: Record<string, string[]> = {
  'build-essential': ['gcc', 'gcc-c++', 'make'],
  gcc: ['gcc'],
  'g++': ['gcc-c++'],
  make: ['make'],
  cmake: ['cmake'],
  autoconf: ['autoconf'],
  automake: ['automake'],
  libtool: ['libtool'],
  patch: ['patch'],
  'pkg-config': ['pkgconf-pkg-config'],
  git: ['git'],
  // Amazon Linux ships curl-minimal, which conflicts with the full curl package.
  curl: ['curl-minimal'],
  wget: ['wget'],
  'ca-certificates': ['ca-certificates'],
  openssl: ['openssl'],
  'libssl-dev': ['openssl-devel'],
  'libffi-dev': ['libffi-devel'],
  'libpq-dev': ['libpq-devel'],
  'postgresql-client': ['postgresql15'],
  'default-libmysqlclient-dev': ['mariadb-connector-c-devel'],
  python3: ['python3'],
  'python3-dev': ['python3-devel'],
  'python3-pip': ['python3-pip'],
  'libxml2-dev': ['libxml2-devel'],
  'libxslt1-dev': ['libxslt-devel'],
  'zlib1g-dev': ['zlib-devel'],
  'libjpeg-dev': ['libjpeg-turbo-devel'],
  'libcurl4-openssl-dev': ['libcurl-devel'],
  'libsqlite3-dev': ['sqlite-devel'],
  'libbz2-dev': ['bzip2-devel'],
  'liblzma-dev': ['xz-devel'],
  'libreadline-dev': ['readline-devel'],
  'libncurses5-dev': ['ncurses-devel'],
  'libkrb5-dev': ['krb5-devel'],
  'libsasl2-dev': ['cyrus-sasl-devel'],
  'libldap2-dev': ['openldap-devel'],
  'libyaml-dev': ['libyaml-devel'],
  'libpcre3-dev': ['pcre-devel'],
  libmagic1: ['file-libs'],
  file: ['file'],
  jq: ['jq'],
  unzip: ['unzip'],
  zip: ['zip'],
  tar: ['tar'],
  gzip: ['gzip'],
  rsync: ['rsync'],
  less: ['less'],
  vim: ['vim-minimal'],
  nano: ['nano'],
  procps: ['procps-ng'],
  'netcat-openbsd': ['nmap-ncat'],
  'openssh-client': ['openssh-clients'],
  gnupg: ['gnupg2'],
  gettext: ['gettext'],
  tzdata: ['tzdata'],
  nginx: ['nginx'],
  swig: ['swig'],
};

const RPM_TO_DEBIAN: Record<string, string[]> = Object.assign(
  Object.create(null),
  Object.fromEntries(
    Object.entries(DEBIAN_TO_RPM)
      .filter(([, rpm]) => rpm.length === 1)
      .map(([deb, [rpm]]) => [rpm, [deb]]),
  ),
  { 'gcc-c++': ['g++'], gcc: ['gcc'], make: ['make'], curl: ['curl'] },
);

/** The package names that give `name` under another family; `undefined` when the table does not know it. */
export function translatePackage(name: string, from: ManagerFamily, to: ManagerFamily): string[] | undefined {
  if (from === to) return [name];
  if (from === 'apt' && to === 'dnf') return own(DEBIAN_TO_RPM, name);
  if (from === 'dnf' && to === 'apt') return own(RPM_TO_DEBIAN, name);
  return undefined;
}

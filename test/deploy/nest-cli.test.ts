import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { transformSync } from '@swc/core';
import { STACK_SERVICES } from '../../libs/runtime/process-group';

/**
 * nest-cli.json against the code: a project for every service and library, built by SWC into the
 * paths `npm run build` (tsc) writes and the stack starts, with the decorator metadata Nest's DI needs.
 */
interface NestProject {
  type: 'application' | 'library';
  root: string;
  sourceRoot: string;
  entryFile?: string;
}

interface NestCliConfig {
  monorepo: boolean;
  root: string;
  sourceRoot: string;
  entryFile: string;
  compilerOptions: {
    builder: { type: string; options: { filenames: string[]; stripLeadingPaths: boolean } };
    typeCheck: boolean;
    deleteOutDir: boolean;
    tsConfigPath: string;
  };
  projects: Record<string, NestProject>;
}

const json = <T>(file: string): T => JSON.parse(readFileSync(file, 'utf8')) as T;
const nest = json<NestCliConfig>('nest-cli.json');
const projects = Object.values(nest.projects);
const folders = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => `${dir}/${entry.name}`);
const serviceDirs = [...folders('services'), ...folders('services/workers')].filter((dir) =>
  existsSync(`${dir}/main.ts`),
);

describe('nest-cli.json', () => {
  it('is a monorepo built by SWC, type-checked, into the shared dist/ it never deletes', () => {
    expect(nest.monorepo).toBe(true);
    expect(nest.compilerOptions.builder.type).toBe('swc');
    expect(nest.compilerOptions.typeCheck).toBe(true);
    expect(nest.compilerOptions.deleteOutDir).toBe(false);
    expect(nest.compilerOptions.tsConfigPath).toBe('tsconfig.build.json');
    for (const project of projects) expect(project).not.toHaveProperty('compilerOptions.builder');
  });

  it('has an application project for every service, its entry its main.ts', () => {
    expect(serviceDirs.length).toBeGreaterThanOrEqual(7);
    for (const dir of serviceDirs) {
      const found = projects.filter((p) => p.type === 'application' && p.sourceRoot === dir);
      expect({ dir, projects: found }).toEqual({
        dir,
        projects: [{ type: 'application', root: dir, sourceRoot: dir, entryFile: 'main' }],
      });
    }
    for (const project of projects.filter((p) => p.type === 'application'))
      expect(serviceDirs).toContain(project.sourceRoot);
  });

  it('has a library project for every libs/* folder', () => {
    const libs = folders('libs');
    expect(libs.length).toBeGreaterThan(0);
    for (const dir of libs) {
      const found = projects.filter((p) => p.type === 'library' && p.sourceRoot === dir);
      expect({ dir, count: found.length, root: found[0]?.root }).toEqual({ dir, count: 1, root: dir });
      if (found[0].entryFile) expect(existsSync(`${dir}/${found[0].entryFile}.ts`)).toBe(true);
    }
    for (const project of projects.filter((p) => p.type === 'library')) expect(libs).toContain(project.root);
  });

  it('names each project as the stack does and builds it where the stack starts it', () => {
    // `nest start <name>` runs <outDir>/<sourceRoot>/<entryFile>.js.
    for (const service of STACK_SERVICES) {
      const project = nest.projects[service.name];
      expect({
        name: service.name,
        entry: project && `dist/${project.sourceRoot}/${project.entryFile}.js`,
      }).toEqual({ name: service.name, entry: service.entry });
    }
    expect(nest.projects.ingress).toMatchObject({ sourceRoot: nest.sourceRoot, root: nest.root });
    expect(nest.entryFile).toBe('main');
  });

  it('compiles what tsc compiles, with the same layout', () => {
    const tsconfig = json<{ compilerOptions: { outDir: string; rootDir: string }; include: string[] }>(
      'tsconfig.json',
    );
    const build = json<{ exclude: string[] }>('tsconfig.build.json');
    expect(tsconfig.compilerOptions).toMatchObject({ outDir: 'dist', rootDir: '.' });
    // SWC compiles only the folders it is given (a service needs libs/ beside it), each under its
    // full path: dist/services/ingress/main.js, as tsc's rootDir '.' lays it out.
    const { filenames, stripLeadingPaths } = nest.compilerOptions.builder.options;
    expect([...filenames].sort()).toEqual(
      tsconfig.include.filter((dir) => !build.exclude.includes(dir)).sort(),
    );
    expect(stripLeadingPaths).toBe(false);
  });

  it("emits the decorator metadata Nest's dependency injection reads, with tsc's class fields", () => {
    const swcrc = json<Record<string, unknown>>('.swcrc');
    const source = [
      "import { Injectable } from '@nestjs/common';",
      "import { Bus } from './bus';",
      '@Injectable()',
      'export class Service {',
      '  count: number;',
      '  constructor(private readonly bus: Bus) {}',
      '}',
    ].join('\n');
    const { code } = transformSync(source, { ...swcrc, filename: 'service.ts', swcrc: false });
    expect(code).toContain('"design:paramtypes"');
    expect(code).toContain('_bus.Bus');
    expect(code).toMatch(/^\s*count;$/m);
    expect(code).toContain('require("@nestjs/common")');
  });
});

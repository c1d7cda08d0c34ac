import { build, mergeConfig, type Plugin, type ResolvedConfig, type Rollup } from 'vite';

/** A script the background registers at run time (scripting.registerContentScripts). */
export interface RegisteredScript {
  entry: string;
  file: string;
}

/**
 * Builds scripts the background registers at run time as standalone IIFE files at fixed
 * paths. crxjs's `?script` imports would list them in web_accessible_resources for every
 * site, which lets any page fetch them and so detect the extension; registered content
 * scripts need no such entry. One secondary lib build per script, as crxjs does for its own.
 */
export function registeredScripts(scripts: readonly RegisteredScript[]): Plugin {
  let config: ResolvedConfig;
  return {
    name: 'policylens:registered-scripts',
    apply: 'build',
    configResolved(resolved) {
      config = resolved;
    },
    async generateBundle() {
      for (const script of scripts) {
        const result = await build(
          mergeConfig(
            { root: config.root, mode: config.mode, resolve: config.resolve, define: config.define },
            {
              configFile: false,
              logLevel: 'warn',
              plugins: [],
              build: {
                write: false,
                emptyOutDir: false,
                lib: { entry: script.entry, formats: ['iife'], name: 'policylens', fileName: () => script.file },
                rollupOptions: { output: { entryFileNames: script.file, inlineDynamicImports: true } },
                minify: config.build.minify,
                sourcemap: false,
                target: config.build.target,
              },
            },
          ),
        );
        const outputs = (Array.isArray(result) ? result : [result]) as Rollup.RollupOutput[];
        const entry = outputs.flatMap((o) => o.output).find((o): o is Rollup.OutputChunk => o.type === 'chunk' && o.isEntry);
        if (!entry) throw new Error(`no bundle for ${script.entry}`);
        this.emitFile({ type: 'asset', fileName: script.file, source: entry.code });
      }
    },
  };
}

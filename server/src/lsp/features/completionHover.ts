import { catalogFor, rangeContains } from '../../engine';
import { imageCompletions, imageHover } from '../assist';
import type { Feature, ServerContext } from '../context';
import { guard } from '../guard';
import { oversized } from '../oversized';
import { documentLanguage, type DocumentSettings } from '../workspace';
import { combineHovers, ruleDocsLink } from '../ruleDocs';

/**
 * Completion and hover in Dockerfiles: the profile's images and tags where a FROM names a base image,
 * else the general Dockerfile features (instructions, flags) when they are on.
 */
export const completionHover: Feature = (ctx) => {
  const { connection, log } = ctx;
  connection.onCompletion(
    guard(log, 'completion', null, async ({ textDocument, position }) =>
      answer(
        ctx,
        textDocument.uri,
        (text, settings) => imageCompletions(text, position, catalogFor(settings.profile, settings.lock)),
        (text) => ctx.dockerfile.service.computeCompletionItems(text, position),
      ),
    ),
  );
  // What the standard says about the image under the cursor (or the general Dockerfile hover), and a
  // documentation link for each finding there; never the findings' messages, which the editor shows beside.
  connection.onHover(
    guard(log, 'hover', null, async ({ textDocument, position }) => {
      const doc = ctx.documents.get(textDocument.uri);
      const language = doc && documentLanguage(doc);
      if (!doc || !language || oversized(doc.getText())) return null;
      const findings = (await ctx.checks.current(doc.uri))?.result.findings.filter((f) => rangeContains(f.range, position)) ?? [];
      const link = (code: string) => ruleDocsLink(code, ctx.state.bundledRuleDocs);
      if (language !== 'dockerfile') return combineHovers(null, findings, link);
      const reported = new Set(findings.map((f) => f.code));
      const ours = (text: string, settings: DocumentSettings) =>
        imageHover(text, position, catalogFor(settings.profile, settings.lock), settings.buildArgs, reported);
      const main = await answer(ctx, doc.uri, ours, (text) => ctx.dockerfile.service.computeHover(text, position));
      return combineHovers(main, findings, link);
    }),
  );
  return { completionProvider: { triggerCharacters: [':', ' ', '='] }, hoverProvider: true };
};

/** Ours first, then the general features'; nothing for other languages or oversized documents. */
async function answer<T, G>(
  ctx: ServerContext,
  uri: string,
  ours: (text: string, settings: DocumentSettings) => T | undefined,
  general: (text: string) => G,
): Promise<T | G | null> {
  const doc = ctx.documents.get(uri);
  if (!doc || documentLanguage(doc) !== 'dockerfile' || oversized(doc.getText())) return null;
  const settings = await ctx.state.documentSettings(doc.uri);
  const text = doc.getText();
  const own = settings && ours(text, settings);
  if (own) return own;
  return ctx.dockerfile.isEnabled ? general(text) : null;
}

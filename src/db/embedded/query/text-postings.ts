import type { CollectionStore } from '../storage/collection-store.js';
import type { Doc } from '../storage/document-paths.js';
import type { IndexCompanion } from '../storage/index-set.js';
import type { TextEngine, TextIndexDefinition, TextQuery } from './text-engine.js';

/**
 * The inverted index behind a text index: term → the documents that have it, with the
 * document's score for that term. A $text query then looks only at the documents holding one
 * of its terms instead of every document, and can sum their scores without reading them.
 * Built on the first $text query of a collection and kept current by every write after that.
 */
export class TextPostings implements IndexCompanion {
  private readonly docsByTerm = new Map<string, Map<string, number>>();
  private readonly termsByDoc = new Map<string, string[]>();

  private constructor(
    /** Kept for the life of the postings: the engine memoises document analyses per definition. */
    readonly definition: TextIndexDefinition,
    readonly spec: Doc,
    private readonly engine: TextEngine,
  ) {}

  /** The postings of the collection's text index `spec`, building and attaching them on first use. */
  static of(store: CollectionStore, spec: Doc, definition: () => TextIndexDefinition, engine: TextEngine): TextPostings {
    const name = String(spec.name);
    const existing = store.indexes.companion(name);
    if (existing instanceof TextPostings && existing.spec === spec) return existing;
    const postings = new TextPostings(definition(), spec, engine);
    for (const [idKey, doc] of store.entries()) postings.add(doc, idKey);
    store.indexes.attachCompanion(name, postings);
    return postings;
  }

  /** Keys of the documents that have at least one of the query's terms (unordered). */
  candidates(query: TextQuery): Set<string> {
    const out = new Set<string>();
    for (const term of this.engine.searchTerms(query, this.definition)) {
      for (const idKey of this.docsByTerm.get(term)?.keys() ?? []) out.add(idKey);
    }
    return out;
  }

  /**
   * Each candidate's summed term scores (unordered). Summed in the query's term order, as
   * scoreDocument sums, so it is the very same number: the document's score when
   * scoredByTermsAlone, else a bound that scoreDocument either confirms or rejects.
   */
  termScores(query: TextQuery): Map<string, number> {
    const out = new Map<string, number>();
    for (const term of this.engine.searchTerms(query, this.definition)) {
      for (const [idKey, score] of this.docsByTerm.get(term) ?? []) out.set(idKey, (out.get(idKey) ?? 0) + score);
    }
    return out;
  }

  apply(oldDoc: Doc | undefined, newDoc: Doc | undefined, idKey: string): void {
    if (oldDoc) this.remove(idKey);
    if (newDoc) this.add(newDoc, idKey);
  }

  private add(doc: Doc, idKey: string): void {
    let scored: [string, number][];
    try {
      scored = this.engine.documentTermScores(doc, this.definition);
    } catch {
      // A document the index cannot read (e.g. an unknown language override) has no postings;
      // inserts of such documents are refused before they reach storage.
      scored = [];
    }
    this.termsByDoc.set(idKey, scored.map(([term]) => term));
    for (const [term, score] of scored) {
      let docs = this.docsByTerm.get(term);
      if (!docs) this.docsByTerm.set(term, (docs = new Map()));
      docs.set(idKey, score);
    }
  }

  private remove(idKey: string): void {
    for (const term of this.termsByDoc.get(idKey) ?? []) {
      const docs = this.docsByTerm.get(term);
      docs?.delete(idKey);
      if (docs?.size === 0) this.docsByTerm.delete(term);
    }
    this.termsByDoc.delete(idKey);
  }
}

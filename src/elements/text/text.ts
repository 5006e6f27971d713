import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { PgoElement } from '../../base/pgo-element.js';
import type { ReadySession } from '../../base/session.js';
import type { ChangeReason } from '../../base/session-events.js';
import { renderLoadError, renderLoading } from '../../base/states.js';
import { toBackendError, type BackendError } from '../../core/errors.js';
import { formatInstant } from '../../core/format.js';
import { amendWindow } from '../../core/text-rules.js';
import type { Amendment, AmendmentReceipt, SectionView, TextDocument } from '../../core/text.js';
import { formStyles } from '../../forms/form.styles.js';
import { baseStyles } from '../../styles/tokens.js';
import { AmendmentForm } from './amendment-form.js';
import { focusSection, renderToc, sectionAnchor, sectionInHash, toggled, translatorFor, withLiveCounts } from './text-parts.js';
import { SectionBatches } from './section-batches.js';
import { AMENDMENT_PAGE, heading, renderClosed, renderSection, type SectionContext } from './text-section.js';
import { textStyles } from './text.styles.js';

export interface AmendmentDecidedDetail {
  amendment: Amendment;
}

declare global {
  interface HTMLElementEventMap {
    'pgo-amendment-submitted': CustomEvent<AmendmentReceipt>;
    'pgo-amendment-decided': CustomEvent<AmendmentDecidedDetail>;
  }
}

/**
 * A document of the collaborative writing phase, as sections (a heading tree: axes, then commitments),
 * each with its count of open amendments, a table of contents and deep links (`#<document>:<section>`
 * in the page address). "Propose a change" opens the section's text pre-filled: modify it, add a part
 * after it, or delete it, with the reason; the draft stays on the device and is sent once. Amendments
 * show the word-level difference against the text they were written on (`<ins>`/`<del>` with spoken
 * "added"/"removed"), side by side when wide, inline when narrow; participants vote on them with the
 * document's vote model; the organisers' decision and its reason are shown. Amending and voting are
 * open only in the document's phases; reading always.
 *
 * @summary A text written together: sections, amendments with their differences, votes and decisions.
 * @slot intro - The host's introduction, above the text.
 * @fires pgo-amendment-submitted - After the backend stored an amendment. `detail` is the `AmendmentReceipt`.
 * @fires pgo-amendment-decided - When `refresh()` finds an amendment decided since the last load. `detail.amendment` is the amendment.
 * @csspart base - The wrapper.
 * @csspart toc - The table of contents.
 * @csspart section - One section.
 * @csspart amendments - A section's list of amendments.
 * @csspart amendment - One amendment.
 * @csspart state - An amendment's state.
 * @csspart outdated - The note on an amendment written on an older version.
 * @csspart diff - The difference between the base text and the proposed one.
 * @csspart decision - The organisers' decision and its reason.
 * @csspart votes - An amendment's votes: its `<pgo-vote-button>` while open, its count otherwise.
 * @csspart vote-button - The `<pgo-vote-button>` of an amendment (the shared vote store of the page).
 * @csspart awaiting - The note on the participant's own amendment awaiting moderation.
 * @csspart amendment-form - The "propose a change" form; the form machinery's parts inside (`form`, `field`, `control`...).
 * @csspart closed - The notice shown while amendments are closed.
 * @csspart status - Loading and "not available" messages.
 * @csspart error - A load error with its retry button.
 * @csspart button - Every button; also `propose`, `toggle`, `more`, `discuss`, `cancel`.
 * @csspart discussion - The `<pgo-comments>` of a section or an amendment, opened in place.
 * @cssproperty --pgo-color-primary - Buttons, links and focus accents.
 * @cssproperty --pgo-color-danger - Rejected amendments, errors.
 * @cssproperty --pgo-color-success - Accepted amendments.
 * @cssproperty --pgo-color-text - Text colour.
 * @cssproperty --pgo-color-text-muted - Counts and dates.
 * @cssproperty --pgo-color-border - Section and amendment borders.
 * @cssproperty --pgo-color-surface - Notes' background.
 * @cssproperty --pgo-color-focus - Focus ring.
 * @cssproperty --pgo-font-family - Font stack.
 * @cssproperty --pgo-radius - Corner radius.
 * @cssproperty --pgo-space - Base spacing.
 */
export class PgoText extends PgoElement {
  static override styles = [baseStyles, formStyles, textStyles];
  /** The document's id. */
  @property() document = '';
  /** Level of the document's title (2 to 6); sections follow below it. */
  @property({ type: Number, attribute: 'heading-level' }) headingLevel = 2;

  @state() private doc: TextDocument | null = null;
  @state() private amendments: Amendment[] = [];
  @state() private loadError: BackendError | null = null;
  @state() private expanded = new Set<string>();
  @state() private editing: AmendmentForm | null = null;
  @state() private shownCount = new Map<string, number>();
  /** The target (`section:DOC/ID`, `amendment:ID`) whose discussion is open in place: one at a time (each is a landmark with a form). */
  @state() private discussed = new Set<string>();
  /** Loads `<pgo-comments>` the first time a discussion opens (set by its registration, src/define/text.ts). */
  static loadDiscussion: (() => Promise<unknown>) | null = null;
  @state() private announcement = '';
  private readonly batches = new SectionBatches(this, () => this.doc?.sections.length ?? 0);
  private loadedFor = '';
  private wasOpen: boolean | null = null;
  private pendingFocus: string | null = null;
  private readonly onHash = () => this.followHash();

  override connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener('hashchange', this.onHash);
  }
  override disconnectedCallback(): void {
    window.removeEventListener('hashchange', this.onHash);
    super.disconnectedCallback();
  }

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    const key = `${this.ready?.consultationId ?? ''}|${this.document}`;
    if (this.ready && this.document && key !== this.loadedFor) {
      this.loadedFor = key;
      this.batches.reset();
      void this.refresh();
    }
  }

  protected override sessionChanged(reason: ChangeReason): void {
    if (reason === 'phase' && this.doc) {
      const open = this.amendingOpen();
      if (this.wasOpen !== null && open !== this.wasOpen) this.announcement = translatorFor(this.locale)(open ? 'nowOpen' : 'nowClosed');
    }
    super.sessionChanged(reason);
  }

  /** Reads the document and its amendments again; fires `pgo-amendment-decided` for those decided since. */
  async refresh(): Promise<void> {
    const session = this.ready;
    const documents = session?.backend.documents;
    if (!session || !documents || !session.backend.capabilities.documents || !this.document) return;
    try {
      const [doc, amendments] = await Promise.all([
        documents.getDocument(session.consultationId, this.document),
        documents.listAmendments(session.consultationId, this.document, {}),
      ]);
      const before = new Map(this.amendments.map((a) => [a.id, a.state]));
      this.doc = doc;
      this.amendments = amendments;
      session.votes.seed(
        amendments.map((a) => a.tally),
        doc.id,
        amendments.map((a) => a.myVote),
      );
      this.loadError = null;
      for (const a of amendments)
        if (before.get(a.id) === 'open' && a.state !== 'open' && a.decision) this.emit('pgo-amendment-decided', { amendment: a });
      this.pendingFocus ??= this.hashSection();
    } catch (error) {
      this.loadError = toBackendError(error);
    }
  }

  private amendingOpen(): boolean {
    const session = this.ready;
    return !!(session && this.doc && session.backend.capabilities.amend && amendWindow(session.consultation, this.doc, session.now()).open);
  }

  private hashSection(): string | null {
    return this.doc ? sectionInHash(this.doc) : null;
  }

  private followHash(): void {
    const id = this.hashSection();
    if (id) this.focusSection(id);
  }

  /** Focuses a section's heading, drawing the sections up to it first if a batch has not reached it yet. */
  private focusSection(sectionId: string): void {
    const focus = () => focusSection(this.renderRoot, this.doc!, sectionId);
    if (this.batches.reach(this.doc!.sections.findIndex((s) => s.id === sectionId))) focus();
    else void this.updateComplete.then(focus);
  }

  private go(event: Event, sectionId: string): void {
    event.preventDefault();
    history.replaceState(history.state, '', `#${encodeURIComponent(sectionAnchor(this.doc!, sectionId)).replace('%3A', ':')}`);
    this.focusSection(sectionId);
  }

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    if (this.pendingFocus && this.doc) {
      const id = this.pendingFocus;
      this.pendingFocus = null;
      this.focusSection(id);
    }
  }

  private toggle(sectionId: string): void {
    this.expanded = toggled(this.expanded, sectionId);
  }

  private openForm(section: SectionView): void {
    const session = this.readyNow;
    if (this.editing) this.removeController(this.editing.form);
    this.editing = new AmendmentForm(
      this,
      this.doc!,
      section,
      (draft, idempotencyKey) =>
        session.backend.documents!.proposeAmendment(session.consultationId, this.doc!.id, draft, { idempotencyKey }),
      (receipt) => this.submitted(receipt),
    );
    void this.updateComplete.then(() => this.editing?.form.focusField('kind'));
  }

  private closeForm(sectionId: string): void {
    if (this.editing) this.removeController(this.editing.form);
    this.editing = null;
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>(`[data-propose="${CSS.escape(sectionId)}"]`)?.focus());
  }

  private submitted(receipt: AmendmentReceipt): void {
    const { amendment } = receipt;
    this.emit('pgo-amendment-submitted', receipt);
    this.amendments = [...this.amendments, amendment];
    this.expanded = new Set([...this.expanded, amendment.sectionId]);
    // The new amendment is drawn, however many pages the section has.
    const count = this.amendments.filter((a) => a.sectionId === amendment.sectionId).length;
    this.shownCount = new Map(this.shownCount).set(amendment.sectionId, Math.max(count, this.shownCount.get(amendment.sectionId) ?? 0));
    if (this.doc)
      this.doc = {
        ...this.doc,
        sections: this.doc.sections.map((s) =>
          s.id === amendment.sectionId && amendment.moderation !== 'pending' ? { ...s, openAmendments: s.openAmendments + 1 } : s,
        ),
      };
    this.announcement = translatorFor(this.locale)(amendment.moderation === 'pending' ? 'sentPending' : 'sent');
    this.closeForm(amendment.sectionId);
  }

  /** The next page of a section's amendments; focus goes to the first one drawn. */
  private more(sectionId: string, list: Amendment[]): void {
    const from = Math.min(list.length, this.shownCount.get(sectionId) ?? AMENDMENT_PAGE);
    this.shownCount = new Map(this.shownCount).set(sectionId, from + AMENDMENT_PAGE);
    const first = list[from];
    if (first)
      void this.updateComplete.then(() =>
        this.renderRoot.querySelector<HTMLElement>(`[data-amendment="${CSS.escape(first.id)}"]`)?.focus(),
      );
  }

  protected override render() {
    const session = this.ready;
    if (!session) return this.renderSessionState();
    const locale = this.locale;
    const t = translatorFor(locale);
    let content: unknown;
    if (!session.backend.capabilities.documents || !session.backend.documents)
      content = html`<p part="status" class="pgo-notice">${t('unavailable')}</p>`;
    else if (!this.document) content = html`<p part="status" class="pgo-notice">${t('noDocument')}</p>`;
    else if (this.loadError && !this.doc) content = renderLoadError(locale, t('loadError'), this.loadError, () => void this.refresh());
    else if (!this.doc) content = renderLoading(locale);
    else content = this.renderDocument(withLiveCounts(this.doc, session.live.counts), session);
    return html`<div part="base" class="base">
      <slot name="intro"></slot>
      ${content}
      <p class="visually-hidden" role="status" aria-live="polite">${this.announcement}</p>
    </div>`;
  }

  private renderDocument(doc: TextDocument, session: ReadySession): TemplateResult {
    const locale = this.locale;
    const t = translatorFor(locale);
    const open = this.amendingOpen();
    this.wasOpen = open;
    const current = doc.versions.find((v) => v.number === doc.version);
    const window = amendWindow(session.consultation, doc, session.now());
    // Grouped once per render: 200 sections × 2,000 amendments filtered per section cost seconds on a slow CPU.
    const bySection = new Map<string, Amendment[]>();
    for (const a of this.amendments) (bySection.get(a.sectionId) ?? bySection.set(a.sectionId, []).get(a.sectionId)!).push(a);
    const context: SectionContext = {
      host: this,
      doc,
      open,
      headingLevel: this.headingLevel,
      locale,
      timeZone: session.consultation.timeZone,
      editing: this.editing,
      expanded: (id) => this.expanded.has(id),
      shown: (id) => this.shownCount.get(id) ?? AMENDMENT_PAGE,
      comments: session.backend.capabilities.comments,
      discussed: (target) => this.discussed.has(target),
      discuss: (target) => {
        void PgoText.loadDiscussion?.();
        this.discussed = this.discussed.has(target) ? new Set() : new Set([target]);
      },
      toggle: (id) => this.toggle(id),
      more: (id, list) => this.more(id, list),
      openForm: (section) => this.openForm(section),
      closeForm: (id) => this.closeForm(id),
    };
    return html`${heading(this.headingLevel, doc.title)}
      ${current ? html`<p class="meta">${t('version', { number: doc.version, date: formatInstant(locale, current.publishedAt, session.consultation.timeZone) })}</p>` : nothing}
      ${open ? nothing : renderClosed(doc, t, window.opensAt ? t('opensOn', { date: formatInstant(locale, window.opensAt.startsAt, session.consultation.timeZone) }) : null)}
      ${renderToc(doc, t, (e, id) => this.go(e, id))}
      ${doc.sections.slice(0, this.batches.drawn).map((s) => renderSection(context, s, bySection.get(s.id) ?? []))}`;
  }
}

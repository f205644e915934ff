import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiProblem, api, call, type Problem } from '../api/client';
import { Link } from '../components/Link';
import { Loading, Page } from '../components/Page';
import { SignInFirst } from '../components/SignInFirst';
import { ProblemMessage } from '../components/ProblemMessage';
import { AcknowledgementDownload } from '../filing/Acknowledgement';
import { CheckStep, type StepName } from '../filing/CheckStep';
import { DocumentsStep } from '../filing/DocumentsStep';
import { FormStep, type ProcedureForm } from '../filing/FormStep';
import { GoodsStep } from '../filing/GoodsStep';
import {
  emptyFiling,
  type Filing,
  filingFromOperation,
  loadPreview,
  type Preview,
  saveDraft,
  type Submitted,
} from '../filing/model';
import { ProceduresStep } from '../filing/ProceduresStep';
import { StartStep, type TraderChoice } from '../filing/StartStep';
import { formatDay, formatInstant } from '../i18n/format';
import { PATHS } from '../router';
import { useSession } from '../session';
import '../filing/filing.css';

type Step =
  | { kind: 'start' }
  | { kind: 'goods' }
  | { kind: 'procedures' }
  | { kind: 'form'; index: number }
  | { kind: 'documents' }
  | { kind: 'check' }
  | { kind: 'done'; submitted: Submitted };

/** The draft to continue, from `?borrador=<id>` (the operation page links here). */
const draftParam = () => new URLSearchParams(window.location.search).get('borrador');

/**
 * A new operation, one thing per page: who and which flow, the goods, the procedures they need, each procedure's
 * form (prefilled shown, the rest typed), COVE and eDocuments, check your answers, one signature, the acknowledgement.
 * The draft is kept on the server as the user goes.
 */
export default function NewOperation() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'es';
  const { session, me } = useSession();
  const [filing, setFiling] = useState<Filing | null>(null);
  const [step, setStep] = useState<Step>({ kind: 'start' });
  const [preview, setPreview] = useState<Preview[]>([]);
  const [defs, setDefs] = useState<Record<string, ProcedureForm>>({});
  const [offices, setOffices] = useState<Array<{ code: string; name: string }>>([]);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [busy, setBusy] = useState(false);
  /** After "change" from the check page, continuing goes back there. */
  const [returnToCheck, setReturnToCheck] = useState(false);
  const first = useRef(true);

  const traders: TraderChoice[] = useMemo(() => {
    if (!me) return [];
    const all = [...me.traders, ...me.representedTraders].map((x) => ({ rfc: x.rfc, legalName: x.legalName }));
    return all.filter((x, i) => all.findIndex((y) => y.rfc === x.rfc) === i);
  }, [me]);

  // Start (or continue a draft) once `me` is known.
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs once per sign-in
  useEffect(() => {
    if (!me || filing) return;
    const id = draftParam();
    call(api.GET('/api/v1/customs-offices')).then(
      (r) => setOffices(r.items.map((o) => ({ code: o.code, name: `${o.name} (${o.city}, ${o.state})` }))),
      () => undefined,
    );
    if (!id) {
      setFiling(emptyFiling(traders.length === 1 ? traders[0]!.rfc : ''));
      return;
    }
    call(api.GET('/api/v1/operations/{id}', { params: { path: { id } } })).then(
      async (op) => {
        if (op.status !== 'draft') {
          setProblem({ status: 409, code: 'operation.already_submitted' });
          return;
        }
        const f = filingFromOperation(op);
        setFiling(f);
        await refreshPreview(f);
        setStep({ kind: 'procedures' });
      },
      (err: unknown) => setProblem(err instanceof ApiProblem ? err.problem : { status: 0, code: 'internal' }),
    );
  }, [me]);

  // Each step is a new page: focus goes to the top of main, as after a page load.
  // biome-ignore lint/correctness/useExhaustiveDependencies: on step change only
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    window.scrollTo(0, 0);
    document.getElementById('main')?.focus();
  }, [step]);

  async function refreshPreview(f: Filing): Promise<Preview[]> {
    const applications = await loadPreview(f.id!);
    setPreview(applications);
    const missing = applications.map((a) => a.procedure.code).filter((c) => !defs[c]);
    if (missing.length) {
      const loaded = await Promise.all(
        missing.map((code) => call(api.GET('/api/v1/procedures/{code}', { params: { path: { code } } }))),
      );
      setDefs((old) => ({
        ...old,
        ...Object.fromEntries(
          loaded.map((d) => [
            d.code,
            { code: d.code, form: d.form, prefill: d.prefill, labels: d.labels } as ProcedureForm,
          ]),
        ),
      }));
    }
    return applications;
  }

  /** Saves the draft (and the preview) before moving on; a refusal stays on this step with its message. */
  async function saveThen(f: Filing, next: (saved: Filing, applications: Preview[]) => Step) {
    setBusy(true);
    setProblem(null);
    try {
      const saved = await saveDraft(f);
      setFiling(saved);
      const applications = await refreshPreview(saved);
      setStep(returnToCheck ? { kind: 'check' } : next(saved, applications));
      setReturnToCheck(false);
    } catch (err) {
      setProblem(err instanceof ApiProblem ? err.problem : { status: 0, code: 'internal' });
    } finally {
      setBusy(false);
    }
  }

  const afterForms = (): Step => (returnToCheck ? { kind: 'check' } : { kind: 'documents' });
  const title = t('filing.title');

  if (!session) return <SignInFirst title={title} message={t('filing.signInFirst')} />;
  if (problem && !filing)
    return (
      <Page title={title}>
        <ProblemMessage problem={problem} />
      </Page>
    );
  if (!me || !filing) return <Loading />;
  if (!traders.length)
    return (
      <Page title={title}>
        <p>{t('filing.noTraders')}</p>
      </Page>
    );

  const change = (s: StepName) => {
    setReturnToCheck(true);
    if (s === 'start') setStep({ kind: 'start' });
    else if (s === 'goods') setStep({ kind: 'goods' });
    else if (s === 'documents') setStep({ kind: 'documents' });
    else setStep({ kind: 'form', index: s.form });
  };
  const traderName = (() => {
    const x = traders.find((y) => y.rfc === filing.traderRfc);
    return x ? `${x.legalName} · RFC ${x.rfc}` : filing.traderRfc;
  })();
  const stepTitle: Record<Step['kind'], string> = {
    start: t('filing.start.title'),
    goods: t('filing.goods.title'),
    procedures: t('filing.procedures.title'),
    form: t('filing.form.title'),
    documents: t('filing.documents.title'),
    check: t('filing.check.title'),
    done: t('filing.ack.title'),
  };
  const back = (() => {
    switch (step.kind) {
      case 'goods':
        return () => setStep({ kind: 'start' });
      case 'procedures':
        return () => setStep({ kind: 'goods' });
      case 'form':
        return () => setStep(step.index ? { kind: 'form', index: step.index - 1 } : { kind: 'procedures' });
      case 'documents':
        return () => setStep(preview.length ? { kind: 'form', index: preview.length - 1 } : { kind: 'procedures' });
      case 'check':
        return () => setStep({ kind: 'documents' });
      default:
        return null;
    }
  })();

  return (
    <Page title={stepTitle[step.kind]}>
      {back && (
        <button type="button" className="link-button filing-back-link" onClick={back}>
          {t('filing.back')}
        </button>
      )}
      {problem && <ProblemMessage problem={problem} />}
      {step.kind === 'start' && (
        <StartStep
          filing={filing}
          traders={traders}
          offices={offices}
          onDone={(f) => {
            setFiling(f);
            if (f.id && f.goods.length) void saveThen(f, () => ({ kind: 'goods' }));
            else setStep(returnToCheck ? { kind: 'check' } : { kind: 'goods' });
          }}
        />
      )}
      {step.kind === 'goods' && (
        <GoodsStep filing={filing} busy={busy} onDone={(f) => void saveThen(f, () => ({ kind: 'procedures' }))} />
      )}
      {step.kind === 'procedures' && (
        <ProceduresStep
          filing={filing}
          preview={preview}
          onDone={() => setStep(preview.length ? { kind: 'form', index: 0 } : afterForms())}
        />
      )}
      {step.kind === 'form' &&
        (() => {
          const item = preview[step.index];
          const def = item && defs[item.procedure.code];
          if (!item || !def) return <Loading />;
          return (
            <FormStep
              key={item.procedure.code}
              filing={filing}
              preview={item}
              def={def}
              position={{ n: step.index + 1, of: preview.length }}
              save={async (procedureData) => {
                const saved = await saveDraft(filing, procedureData);
                setFiling(saved);
                return refreshPreview(saved);
              }}
              onDone={() =>
                setStep(
                  step.index + 1 < preview.length && !returnToCheck
                    ? { kind: 'form', index: step.index + 1 }
                    : afterForms(),
                )
              }
            />
          );
        })()}
      {step.kind === 'documents' && (
        <DocumentsStep
          filing={filing}
          busy={busy}
          onChange={(f) => {
            setFiling(f);
            // Kept in the draft at once: a reload does not lose a signed document.
            saveDraft(f).then(setFiling, (err: unknown) =>
              setProblem(err instanceof ApiProblem ? err.problem : { status: 0, code: 'internal' }),
            );
          }}
          onDone={() => void saveThen(filing, () => ({ kind: 'check' }))}
        />
      )}
      {step.kind === 'check' && (
        <CheckStep
          filing={filing}
          preview={preview}
          defs={defs}
          traderName={traderName}
          officeName={offices.find((o) => o.code === filing.customsOffice)?.name ?? filing.customsOffice}
          change={change}
          onSubmitted={(submitted) => setStep({ kind: 'done', submitted })}
        />
      )}
      {step.kind === 'done' && (
        <>
          <div className="filing-panel-confirmation">
            <p>{t('filing.ack.lead')}</p>
            <p className="folio">
              {t('filing.ack.folio')} <strong>{step.submitted.folio}</strong>
            </p>
          </div>
          <p>{t('filing.ack.received', { time: formatInstant(step.submitted.receivedAt) })}</p>
          <h2>{t('filing.ack.next')}</h2>
          <p>{t('filing.ack.nextLead')}</p>
          <table className="stack filing-table">
            <caption className="visually-hidden">{t('filing.ack.applications')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('filing.op.procedure')}</th>
                <th scope="col">{t('filing.procedures.agency')}</th>
                <th scope="col">{t('filing.op.due')}</th>
              </tr>
            </thead>
            <tbody>
              {step.submitted.applications.map((a) => (
                <tr key={a.id}>
                  <td data-label={t('filing.op.procedure')}>
                    <Link href={PATHS.application(a.id)}>
                      {preview.find((x) => x.procedure.code === a.procedureCode)?.procedure.name[lang] ??
                        a.procedureName}
                    </Link>
                  </td>
                  <td data-label={t('filing.procedures.agency')}>{a.agency}</td>
                  <td data-label={t('filing.op.due')}>{formatDay(a.dueDate)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <AcknowledgementDownload operationId={step.submitted.operationId} folio={step.submitted.folio} />
          <p>
            <Link href={PATHS.operation(step.submitted.operationId)}>{t('filing.ack.seeOperation')}</Link>
          </p>
        </>
      )}
    </Page>
  );
}

import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Problem } from '../api/client';
import { ErrorSummary, type FieldProblem } from '../components/ErrorSummary';
import { Loading, Page } from '../components/Page';
import { SignInFirst } from '../components/SignInFirst';
import { ProblemMessage } from '../components/ProblemMessage';
import {
  type Declaration,
  isPedimento,
  isPermitNumber,
  type PermitDraws,
  pedimentoDigits,
  permitNumber,
  type Reason,
  readDeclaration,
  readPermitDraws,
  reasonsOf,
} from '../customs/lookup';
import { formatDay, formatInstant, formatNumber } from '../i18n/format';
import { useSession } from '../session';
import '../public/public.css';

type Lookup<T> =
  | { state: 'idle' }
  | { state: 'loading' }
  | { state: 'ok'; data: T }
  | { state: 'error'; problem: Problem };

export default function Customs() {
  const { t } = useTranslation();
  const { session, me } = useSession();
  const [pedimento, setPedimento] = useState('');
  const [permit, setPermit] = useState('');
  const [errors, setErrors] = useState<FieldProblem[]>([]);
  const [declaration, setDeclaration] = useState<Lookup<Declaration>>({ state: 'idle' });
  const [draws, setDraws] = useState<Lookup<PermitDraws>>({ state: 'idle' });

  const customsOfficer = me?.officer.some((m) => m.agency === 'ANAM' && m.roles.includes('customs_officer'));
  if (!session) return <SignInFirst title={t('customs.title')} message={t('customs.signInFirst')} />;
  if (!me) return <Loading />;
  if (!customsOfficer)
    return (
      <Page title={t('customs.title')}>
        <p>{t('customs.notCustomsOfficer')}</p>
      </Page>
    );

  const checkDeclaration = async (number: string) => {
    setDeclaration({ state: 'loading' });
    const answer = await readDeclaration(number);
    setDeclaration(answer.ok ? { state: 'ok', data: answer.data } : { state: 'error', problem: answer.problem });
  };
  const lookUpPermit = async (number: string) => {
    setDraws({ state: 'loading' });
    const answer = await readPermitDraws(number);
    setDraws(answer.ok ? { state: 'ok', data: answer.data } : { state: 'error', problem: answer.problem });
  };

  const submitDeclaration = (e: FormEvent) => {
    e.preventDefault();
    if (!isPedimento(pedimento)) {
      setErrors([{ field: 'pedimento', message: t('customs.pedimentoInvalid') }]);
      return;
    }
    setErrors([]);
    void checkDeclaration(pedimentoDigits(pedimento));
  };
  const submitPermit = (e: FormEvent) => {
    e.preventDefault();
    if (!isPermitNumber(permit)) {
      setErrors([{ field: 'permit', message: t('customs.permitInvalid') }]);
      return;
    }
    setErrors([]);
    void lookUpPermit(permitNumber(permit));
  };
  const error = (field: string) => errors.find((x) => x.field === field)?.message;

  return (
    <Page title={t('customs.title')}>
      <ErrorSummary problems={errors} />
      <p className="lead">{t('customs.lead')}</p>

      <h2>{t('customs.declarationTitle')}</h2>
      <form onSubmit={submitDeclaration} noValidate className="public-inline-form">
        <div className={`field${error('pedimento') ? ' field-error' : ''}`}>
          <label htmlFor="pedimento">{t('customs.pedimentoLabel')}</label>
          <p className="hint" id="pedimento-hint">
            {t('customs.pedimentoHint')}
          </p>
          {error('pedimento') && (
            <p className="error-message" id="pedimento-error">
              {error('pedimento')}
            </p>
          )}
          <input
            id="pedimento"
            type="text"
            inputMode="numeric"
            autoComplete="off"
            value={pedimento}
            onChange={(e) => setPedimento(e.target.value)}
            aria-describedby={`pedimento-hint${error('pedimento') ? ' pedimento-error' : ''}`}
            aria-invalid={!!error('pedimento')}
          />
        </div>
        <button type="submit" className="button">
          {t('customs.check')}
        </button>
      </form>
      {declaration.state === 'loading' && <Loading />}
      {declaration.state === 'error' && <ProblemMessage problem={declaration.problem} />}
      {declaration.state === 'ok' && (
        <DeclarationView
          declaration={declaration.data}
          onPermit={(n) => {
            setPermit(n);
            void lookUpPermit(n);
          }}
        />
      )}

      <h2>{t('customs.permitTitle')}</h2>
      <form onSubmit={submitPermit} noValidate className="public-inline-form">
        <div className={`field${error('permit') ? ' field-error' : ''}`}>
          <label htmlFor="permit">{t('customs.permitLabel')}</label>
          <p className="hint" id="permit-hint">
            {t('customs.permitHint')}
          </p>
          {error('permit') && (
            <p className="error-message" id="permit-error">
              {error('permit')}
            </p>
          )}
          <input
            id="permit"
            type="text"
            autoComplete="off"
            value={permit}
            onChange={(e) => setPermit(e.target.value)}
            aria-describedby={`permit-hint${error('permit') ? ' permit-error' : ''}`}
            aria-invalid={!!error('permit')}
          />
        </div>
        <button type="submit" className="button">
          {t('customs.lookUp')}
        </button>
      </form>
      {draws.state === 'loading' && <Loading />}
      {draws.state === 'error' && <ProblemMessage problem={draws.problem} />}
      {draws.state === 'ok' && (
        <DrawsView
          permit={draws.data}
          onDeclaration={(n) => {
            setPedimento(n);
            void checkDeclaration(n);
          }}
        />
      )}
    </Page>
  );
}

function ReasonList({ reasons }: { reasons: Reason[] }) {
  const { t } = useTranslation();
  return (
    <ul>
      {reasons.map((r, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: reasons have no id and never reorder
        <li key={i}>
          <strong>{t(`customs.reason.${r.code}`)}</strong>
          {r.permit ? ` (${r.permit})` : ''}
          <br />
          <span className="muted" lang="en">
            {r.message}
          </span>
        </li>
      ))}
    </ul>
  );
}

function StatusTag({ status }: { status: Declaration['status'] }) {
  const { t } = useTranslation();
  const tone = status === 'accepted' ? 'tag-ok' : status === 'refused' ? 'tag-error' : '';
  return <span className={`tag ${tone}`}>{t(`customs.status.${status}`)}</span>;
}

function DeclarationView({ declaration: d, onPermit }: { declaration: Declaration; onPermit: (n: string) => void }) {
  const { t } = useTranslation();
  const result = d.result;
  return (
    <section aria-labelledby="declaration-result" className="notice">
      <h3 id="declaration-result">
        {t('customs.declarationHeading', { number: d.number })} <StatusTag status={d.status} />
      </h3>
      {result && (
        <dl className="summary">
          <dt>{t('customs.office')}</dt>
          <dd>{result.customsOffice}</dd>
          <dt>{t('customs.flow')}</dt>
          <dd>{t(`flow.${result.flow}`)}</dd>
          <dt>{t('customs.date')}</dt>
          <dd>{formatDay(result.date)}</dd>
          <dt>{t('customs.trader')}</dt>
          <dd>{result.traderRfc}</dd>
          <dt>{t('customs.broker')}</dt>
          <dd>{result.brokerPatent}</dd>
          <dt>{t('customs.validatedAt')}</dt>
          <dd>{formatInstant(result.validatedAt)}</dd>
        </dl>
      )}
      {d.cancellation && (
        <p>
          {t('customs.cancelledAt', { time: formatInstant(d.cancellation.at) })}{' '}
          {d.cancellation.reason && <q>{d.cancellation.reason}</q>}
        </p>
      )}
      {result && (
        <>
          <h4>{t('customs.lines')}</h4>
          <div className="table-wrap">
            <table className="stack">
              <thead>
                <tr>
                  <th scope="col">{t('customs.line')}</th>
                  <th scope="col">{t('customs.hs')}</th>
                  <th scope="col">{t('customs.quantity')}</th>
                  <th scope="col">{t('customs.value')}</th>
                  <th scope="col">{t('customs.required')}</th>
                  <th scope="col">{t('customs.lineResult')}</th>
                </tr>
              </thead>
              <tbody>
                {result.lines.map((line) => {
                  const reasons = reasonsOf(result.reasons, line.line);
                  return (
                    <tr key={line.line}>
                      <th scope="row" data-label={t('customs.line')}>
                        {line.line}
                      </th>
                      <td data-label={t('customs.hs')}>{line.hsCode}</td>
                      <td data-label={t('customs.quantity')}>
                        {formatNumber(line.quantity)} {line.unit}
                      </td>
                      <td data-label={t('customs.value')}>
                        {formatNumber(line.value)} {line.currency}
                      </td>
                      <td data-label={t('customs.required')}>
                        {line.requiredProcedures.length ? line.requiredProcedures.join(', ') : t('customs.none')}
                      </td>
                      <td data-label={t('customs.lineResult')}>
                        <div>
                          {reasons.length ? (
                            <ReasonList reasons={reasons} />
                          ) : (
                            <>
                              <strong>{t('customs.lineOk')}</strong>
                              {line.draws.map((draw) => (
                                <div key={`${draw.permit}-${draw.permitLine}`}>
                                  {t('customs.drew', {
                                    quantity: formatNumber(draw.quantity),
                                    permit: draw.permit,
                                    line: draw.permitLine,
                                    remaining: formatNumber(draw.remainingQuantity),
                                  })}{' '}
                                  <button type="button" className="link-button" onClick={() => onPermit(draw.permit)}>
                                    {t('customs.seePermit', { permit: draw.permit })}
                                  </button>
                                </div>
                              ))}
                            </>
                          )}
                        </div>
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
          {reasonsOf(result.reasons, null).length > 0 && (
            <>
              <h4>{t('customs.wholeReasons')}</h4>
              <ReasonList reasons={reasonsOf(result.reasons, null)} />
            </>
          )}
        </>
      )}
      {d.refusals.length > 0 && (
        <>
          <h4>{t('customs.refusals', { count: d.refusals.length })}</h4>
          {d.refusals.map((r) => {
            const lines = [...new Set(r.reasons.map((x) => x.line))].sort((a, b) => (a ?? 0) - (b ?? 0));
            return (
              <div key={r.at + r.bodySha256} className="public-because">
                <p>{t('customs.refusedAt', { time: formatInstant(r.at), by: r.by })}</p>
                {lines.map((line) => (
                  <div key={line ?? 'whole'}>
                    <p>
                      <strong>
                        {line === null ? t('customs.wholeDeclaration') : t('customs.lineNumber', { line })}
                      </strong>
                    </p>
                    <ReasonList reasons={reasonsOf(r.reasons, line)} />
                  </div>
                ))}
              </div>
            );
          })}
        </>
      )}
    </section>
  );
}

function DrawsView({ permit: p, onDeclaration }: { permit: PermitDraws; onDeclaration: (n: string) => void }) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="permit-result" className="notice">
      <h3 id="permit-result">
        {t('customs.permitHeading', { number: p.number })}{' '}
        <span className={`tag ${p.status === 'valid' ? 'tag-ok' : 'tag-error'}`}>
          {t(`permitStatus.${p.status}`, { defaultValue: p.status })}
        </span>
      </h3>
      <h4>{t('customs.balances')}</h4>
      <div className="table-wrap">
        <table className="stack">
          <thead>
            <tr>
              <th scope="col">{t('customs.permitLine')}</th>
              <th scope="col">{t('customs.hs')}</th>
              <th scope="col">{t('customs.authorised')}</th>
              <th scope="col">{t('customs.remaining')}</th>
              <th scope="col">{t('customs.remainingValue')}</th>
            </tr>
          </thead>
          <tbody>
            {p.balances.map((b) => (
              <tr key={b.line}>
                <th scope="row" data-label={t('customs.permitLine')}>
                  {b.line}
                </th>
                <td data-label={t('customs.hs')}>{b.hsCode}</td>
                <td data-label={t('customs.authorised')}>
                  {formatNumber(b.authorisedQuantity)} {b.unit}
                </td>
                <td data-label={t('customs.remaining')}>
                  {formatNumber(b.remainingQuantity)} {b.unit}
                </td>
                <td data-label={t('customs.remainingValue')}>
                  {formatNumber(b.remainingValue)} {b.currency}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <h4>{t('customs.draws')}</h4>
      {p.draws.length === 0 ? (
        <p>{t('customs.noDraws')}</p>
      ) : (
        <div className="table-wrap">
          <table className="stack">
            <thead>
              <tr>
                <th scope="col">{t('customs.declaration')}</th>
                <th scope="col">{t('customs.permitLine')}</th>
                <th scope="col">{t('customs.quantity')}</th>
                <th scope="col">{t('customs.value')}</th>
                <th scope="col">{t('customs.drawnAt')}</th>
              </tr>
            </thead>
            <tbody>
              {p.draws.map((d) => (
                <tr key={`${d.declaration}-${d.declarationLine}-${d.permitLine}`}>
                  <th scope="row" data-label={t('customs.declaration')}>
                    <div>
                      <button type="button" className="link-button" onClick={() => onDeclaration(d.declaration)}>
                        {d.declaration}
                      </button>
                      <span className="muted"> {t('customs.lineNumber', { line: d.declarationLine })}</span>
                    </div>
                  </th>
                  <td data-label={t('customs.permitLine')}>{d.permitLine}</td>
                  <td data-label={t('customs.quantity')}>{formatNumber(d.quantity)}</td>
                  <td data-label={t('customs.value')}>{formatNumber(d.value)}</td>
                  <td data-label={t('customs.drawnAt')}>
                    <div>
                      {formatInstant(d.drawnAt)}
                      {d.returnedAt && (
                        <>
                          <br />
                          {t('customs.returnedAt', { time: formatInstant(d.returnedAt) })}
                        </>
                      )}
                    </div>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiProblem, api, call, type Problem } from '../api/client';
import { sendSigned, signedAction, signingPayloadFromXml } from '../api/signed';
import { ErrorSummary, type FieldProblem } from '../components/ErrorSummary';
import { FileField } from '../components/fields';
import { useData } from '../useData';
import { problemText } from '../i18n';
import { useSession } from '../session';
import { SelectInput, TextInput } from './fields';
import { type Filing, positiveAmount } from './model';
import { uploadEdocument } from './transfer';

const problemOf = (err: unknown): Problem =>
  err instanceof ApiProblem
    ? err.problem
    : typeof (err as Problem | null)?.code === 'string'
      ? (err as Problem)
      : { status: 0, code: 'internal' };

const ADDRESS_KEYS = [
  'street',
  'exteriorNumber',
  'interiorNumber',
  'neighbourhood',
  'city',
  'municipality',
  'state',
  'postalCode',
  'country',
] as const;

/** The COVE of the operation's invoice: the trader's side from the registry, the other party and invoice typed. */
interface Problems {
  problems: FieldProblem[];
  setProblems(problems: FieldProblem[]): void;
}

function CoveForm(p: { filing: Filing; onFiled(number: string): void } & Problems) {
  const { t } = useTranslation();
  const { session } = useSession();
  const trader = useData(`trader-${p.filing.traderRfc}`, () =>
    call(api.GET('/api/v1/traders/{rfc}', { params: { path: { rfc: p.filing.traderRfc } } })),
  );
  const [v, setV] = useState({ invoiceNumber: '', invoiceDate: '', taxId: '', name: '', street: '', city: '' });
  const { problems, setProblems } = p;
  const [busy, setBusy] = useState(false);
  const set = (k: keyof typeof v) => (value: string) => setV((old) => ({ ...old, [k]: value }));
  const errorOf = (field: string) => problems.find((x) => x.field === field)?.message;
  const importing = p.filing.flow === 'import';
  const foreignCountry = importing ? p.filing.goods[0]?.originCountry : p.filing.goods[0]?.destinationCountry;
  // A COVE carries each line's value in US dollars too: for lines in another currency, the rate the trader applies.
  const foreign = [...new Set(p.filing.goods.map((g) => g.currency))].filter((c) => c !== 'USD');
  const [rates, setRates] = useState<Record<string, string>>({});
  const rateOf = (currency: string) => positiveAmount(rates[currency] ?? '');

  // Or the whole COVE as the XML <comprobante> a system exported: the window reads it and returns what to sign.
  const [xml, setXml] = useState<File | null>(null);
  const fileXml = async () => {
    if (!xml) {
      setProblems([{ field: 'cove-xml', message: t('filing.cove.xmlRequired') }]);
      return;
    }
    if (!session) return;
    setProblems([]);
    setBusy(true);
    try {
      const issued = await signingPayloadFromXml('/api/v1/coves', await xml.text());
      const filed = await sendSigned<{ data: { number: string } }>(session.efirma, 'POST', '/api/v1/coves', issued);
      p.onFiled(filed.data.number);
    } catch (err) {
      setProblems([{ field: 'cove-xml', message: problemText(problemOf(err).code) }]);
    } finally {
      setBusy(false);
    }
  };

  const file = async () => {
    const found: FieldProblem[] = [];
    if (!v.invoiceNumber.trim()) found.push({ field: 'cove-invoice', message: t('filing.cove.invoiceRequired') });
    if (!/^\d{4}-\d{2}-\d{2}$/.test(v.invoiceDate.trim()))
      found.push({ field: 'cove-date', message: t('filing.cove.dateInvalid') });
    if (!v.taxId.trim()) found.push({ field: 'cove-taxid', message: t('filing.cove.taxIdRequired') });
    if (!v.name.trim()) found.push({ field: 'cove-name', message: t('filing.cove.nameRequired') });
    if (!v.street.trim()) found.push({ field: 'cove-street', message: t('filing.cove.streetRequired') });
    for (const currency of foreign)
      if (rateOf(currency) === null)
        found.push({ field: `cove-rate-${currency}`, message: t('filing.cove.rateInvalid', { currency }) });
    setProblems(found);
    if (found.length || trader.state !== 'ok' || !session) return;
    const profile = trader.data.profile;
    const address = profile.taxAddress as Record<string, string | undefined>;
    const ours = {
      taxId: profile.rfc ?? p.filing.traderRfc,
      name: profile.legalName,
      address: Object.fromEntries(ADDRESS_KEYS.filter((k) => address[k]).map((k) => [k, address[k]])),
    };
    const theirs = {
      taxId: v.taxId.trim(),
      name: v.name.trim(),
      address: { street: v.street.trim(), ...(v.city.trim() ? { city: v.city.trim() } : {}), country: foreignCountry },
    };
    const cove = {
      operationType: p.filing.flow,
      invoiceNumber: v.invoiceNumber.trim(),
      invoiceDate: v.invoiceDate.trim(),
      certificateOfOrigin: false,
      issuer: importing ? theirs : ours,
      recipient: importing ? ours : theirs,
      goods: p.filing.goods.map((g) => ({
        description: g.description,
        quantity: g.quantity,
        unit: g.unit,
        currency: g.currency,
        unitValue: Math.round((g.value / g.quantity) * 1e6) / 1e6,
        total: g.value,
        usdValue: g.currency === 'USD' ? g.value : Math.round(g.value * (rateOf(g.currency) ?? 0) * 100) / 100,
      })),
    };
    setBusy(true);
    try {
      const filed = await signedAction<{ data: { number: string } }>(session.efirma, 'POST', '/api/v1/coves', cove);
      p.onFiled(filed.data.number);
      setV({ invoiceNumber: '', invoiceDate: '', taxId: '', name: '', street: '', city: '' });
    } catch (err) {
      setProblems([{ message: problemText(problemOf(err).code) }]);
    } finally {
      setBusy(false);
    }
  };

  return (
    <fieldset className="filing-add-line">
      <legend>{t('filing.cove.title')}</legend>
      <p className="hint">{t('filing.cove.lead')}</p>
      <TextInput
        id="cove-invoice"
        label={t('filing.cove.invoice')}
        value={v.invoiceNumber}
        error={errorOf('cove-invoice')}
        onChange={set('invoiceNumber')}
      />
      <TextInput
        id="cove-date"
        label={t('filing.cove.date')}
        hint={t('filing.cove.dateHint')}
        width="short"
        value={v.invoiceDate}
        error={errorOf('cove-date')}
        onChange={set('invoiceDate')}
      />
      {foreign.map((currency) => (
        <TextInput
          key={currency}
          id={`cove-rate-${currency}`}
          label={t('filing.cove.rate', { currency })}
          hint={t('filing.cove.rateHint', { currency })}
          inputMode="decimal"
          width="short"
          value={rates[currency] ?? ''}
          error={errorOf(`cove-rate-${currency}`)}
          onChange={(value) => setRates((old) => ({ ...old, [currency]: value }))}
        />
      ))}
      <TextInput
        id="cove-taxid"
        label={t(importing ? 'filing.cove.supplierTaxId' : 'filing.cove.buyerTaxId')}
        value={v.taxId}
        error={errorOf('cove-taxid')}
        onChange={set('taxId')}
      />
      <TextInput
        id="cove-name"
        label={t(importing ? 'filing.cove.supplierName' : 'filing.cove.buyerName')}
        value={v.name}
        error={errorOf('cove-name')}
        onChange={set('name')}
      />
      <TextInput
        id="cove-street"
        label={t('filing.cove.street')}
        value={v.street}
        error={errorOf('cove-street')}
        onChange={set('street')}
      />
      <TextInput id="cove-city" label={t('filing.cove.city')} value={v.city} onChange={set('city')} />
      <p className="hint">{t('filing.cove.signs')}</p>
      <button type="button" className="button button-secondary" disabled={busy} onClick={() => void file()}>
        {busy ? t('filing.signing') : t('filing.cove.file')}
      </button>
      <FileField
        id="cove-xml"
        label={t('filing.cove.xml')}
        hint={t('filing.cove.xmlHint')}
        accept=".xml,application/xml,text/xml"
        error={errorOf('cove-xml')}
        onChange={setXml}
      />
      <button type="button" className="button button-secondary" disabled={busy} onClick={() => void fileXml()}>
        {busy ? t('filing.signing') : t('filing.cove.fileXml')}
      </button>
    </fieldset>
  );
}

/** An eDocument: the PDF uploaded with a progress bar, then signed in the page with the open e.firma. */
function EdocumentForm(p: { filing: Filing; onFiled(e: Filing['edocuments'][number]): void } & Problems) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'es';
  const { session } = useSession();
  const types = useData('edocument-types', () => call(api.GET('/api/v1/edocuments/document-types')));
  const [documentType, setType] = useState('commercial_invoice');
  const [file, setFile] = useState<File | null>(null);
  const [progress, setProgress] = useState<number | null>(null);
  const { problems, setProblems } = p;
  const [busy, setBusy] = useState(false);

  const upload = async () => {
    if (!file) {
      setProblems([{ field: 'edoc-file', message: t('filing.edoc.fileRequired') }]);
      return;
    }
    if (!session) return;
    setProblems([]);
    setBusy(true);
    setProgress(0);
    try {
      const issued = await uploadEdocument(
        session.token,
        { traderRfc: p.filing.traderRfc, documentType, file },
        setProgress,
      );
      const created = await sendSigned<{ data: { number: string } }>(
        session.efirma,
        'POST',
        '/api/v1/edocuments',
        issued,
      );
      p.onFiled({ number: created.data.number, fileName: file.name, documentType });
    } catch (err) {
      setProgress(null);
      setProblems([{ field: 'edoc-file', message: problemText(problemOf(err).code) }]);
    } finally {
      setBusy(false);
    }
  };

  return (
    <fieldset className="filing-add-line">
      <legend>{t('filing.edoc.title')}</legend>
      <SelectInput
        id="edoc-type"
        label={t('filing.edoc.type')}
        value={documentType}
        onChange={setType}
        options={
          types.state === 'ok'
            ? types.data.items.map((x) => ({ value: x.type, label: x.name[lang] }))
            : [{ value: 'commercial_invoice', label: t('filing.edoc.invoice') }]
        }
      />
      <FileField
        id="edoc-file"
        label={t('filing.edoc.file')}
        hint={t('filing.edoc.fileHint')}
        accept=".pdf,application/pdf"
        error={problems.find((x) => x.field === 'edoc-file')?.message}
        onChange={setFile}
      />
      {progress !== null && (
        <div className="progress">
          <label htmlFor="edoc-progress">{t('filing.edoc.progress')}</label>
          <progress id="edoc-progress" max={100} value={progress}>
            {progress} %
          </progress>
          <span aria-live="polite">{t('filing.edoc.percent', { percent: progress })}</span>
        </div>
      )}
      <p className="hint">{t('filing.edoc.signs')}</p>
      <button type="button" className="button button-secondary" disabled={busy} onClick={() => void upload()}>
        {busy ? t('filing.signing') : t('filing.edoc.upload')}
      </button>
    </fieldset>
  );
}

/** Step 5: the invoice's COVE and the eDocuments, each its own signed action; then continue. */
export function DocumentsStep(p: { filing: Filing; busy: boolean; onChange(f: Filing): void; onDone(): void }) {
  const { t } = useTranslation();
  // One error summary for the page: the COVE's problems and the eDocument's.
  const [coveProblems, setCoveProblems] = useState<FieldProblem[]>([]);
  const [edocProblems, setEdocProblems] = useState<FieldProblem[]>([]);
  const problems = useMemo(() => [...coveProblems, ...edocProblems], [coveProblems, edocProblems]);
  return (
    <>
      <ErrorSummary problems={problems} />
      <p className="lead">{t('filing.documents.lead')}</p>
      <h2>{t('filing.documents.filed')}</h2>
      <ul className="list" aria-live="polite">
        {p.filing.coves.map((c) => (
          <li key={c}>{t('filing.documents.cove', { number: c })}</li>
        ))}
        {p.filing.edocuments.map((e) => (
          <li key={e.number}>{t('filing.documents.edocument', { number: e.number, file: e.fileName || e.number })}</li>
        ))}
        {!p.filing.coves.length && !p.filing.edocuments.length && <li>{t('filing.documents.none')}</li>}
      </ul>
      <CoveForm
        filing={p.filing}
        problems={coveProblems}
        setProblems={setCoveProblems}
        onFiled={(n) => p.onChange({ ...p.filing, coves: [...p.filing.coves, n] })}
      />
      <EdocumentForm
        filing={p.filing}
        problems={edocProblems}
        setProblems={setEdocProblems}
        onFiled={(e) => p.onChange({ ...p.filing, edocuments: [...p.filing.edocuments, e] })}
      />
      <button type="button" className="button" disabled={p.busy} onClick={p.onDone}>
        {t('filing.continue')}
      </button>
    </>
  );
}

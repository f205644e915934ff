import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SigningPayload } from '../api/signed';
import { Loading, Page } from '../components/Page';
import { SignInFirst } from '../components/SignInFirst';
import {
  type ApiToken,
  type ApiTokenCreated,
  TokenCheck,
  TokenCreated,
  TokenForm,
  type TokenInput,
  TokenList,
  TokenRevokeConfirm,
} from '../representation/ApiTokens';
import { BrokerClients } from '../representation/BrokerClients';
import {
  type Delegation,
  DelegationList,
  type GrantBroker,
  GrantCheck,
  GrantForm,
  type OwnTrader,
  RevokeCheck,
  RevokeForm,
} from '../representation/Delegations';
import '../representation/representation.css';
import { useSession } from '../session';
import { useHistoryStep } from '../components/history-step';

/** Where the person is on this page: the overview, or one step of one flow (one thing per page). */
type View =
  | { kind: 'overview'; done?: string }
  | { kind: 'grant'; trader: OwnTrader; patent: string }
  | { kind: 'grantCheck'; trader: OwnTrader; broker: GrantBroker; issued: SigningPayload }
  | { kind: 'revoke'; delegation: Delegation; reason: string }
  | { kind: 'revokeCheck'; delegation: Delegation; reason: string; issued: SigningPayload }
  | { kind: 'token'; input: TokenInput | null }
  | { kind: 'tokenCheck'; input: TokenInput; issued: SigningPayload }
  | { kind: 'tokenCreated'; created: ApiTokenCreated }
  | { kind: 'tokenRevoke'; token: ApiToken };

const TITLES: Record<View['kind'], string> = {
  overview: 'representation.title',
  grant: 'grant.title',
  grantCheck: 'grant.checkTitle',
  revoke: 'revokeDelegation.title',
  revokeCheck: 'revokeDelegation.checkTitle',
  token: 'tokenForm.title',
  tokenCheck: 'tokenCheck.title',
  tokenCreated: 'tokenCreated.title',
  tokenRevoke: 'tokenRevoke.title',
};

/**
 * Representation: a legal representative's delegations to customs brokers (grant, revoke), API tokens for the
 * broker's software (create, revoke), and for a broker the traders that delegated to it. Every grant, revocation
 * and token is signed in the page with the open e.firma after a check-your-answers page.
 */
export default function Representation() {
  const { t } = useTranslation();
  const { session, me, reloadMe } = useSession();
  const { step: view, go, finish } = useHistoryStep<View>({ kind: 'overview' });
  const [version, setVersion] = useState(0);

  // Each step is a new page to the person: focus and scroll go to its top.
  // biome-ignore lint/correctness/useExhaustiveDependencies: on each step
  useEffect(() => {
    document.getElementById('main')?.focus();
    window.scrollTo(0, 0);
  }, [view]);

  // Delegations change while signed in (granted to this broker, revoked): the switch offers what holds now.
  // biome-ignore lint/correctness/useExhaustiveDependencies: once per visit of the page
  useEffect(() => {
    void reloadMe();
  }, []);

  // Cancel is a step back to the overview; a change done ends the flow (Back shows the overview with what was done).
  const back = (message: string | null) => {
    setVersion((v) => v + 1);
    if (message) finish({ kind: 'overview', done: message });
    else go({ kind: 'overview' });
  };

  if (!session) return <SignInFirst title={t('representation.title')} message={t('representation.signInFirst')} />;
  if (!me) return <Loading />;
  const own: OwnTrader[] = me.traders;
  const title = t(TITLES[view.kind]);

  return (
    <Page title={title}>
      {view.kind === 'overview' && (
        <>
          {view.done && (
            <div className="notice notice-ok" role="status">
              <p>{view.done}</p>
            </div>
          )}
          <p className="lead">{t('representation.lead')}</p>
          {own.map((trader) => (
            <DelegationList
              key={trader.rfc}
              trader={trader}
              version={version}
              onGrant={() => go({ kind: 'grant', trader, patent: '' })}
              onRevoke={(delegation) => go({ kind: 'revoke', delegation, reason: '' })}
            />
          ))}
          {me.broker && <BrokerClients patent={me.broker.patent} version={version} />}
          <TokenList
            version={version}
            onCreate={() => go({ kind: 'token', input: null })}
            onRevoke={(token) => go({ kind: 'tokenRevoke', token })}
          />
        </>
      )}
      {view.kind === 'grant' && (
        <GrantForm
          trader={view.trader}
          initial={view.patent}
          onCancel={() => back(null)}
          onIssued={(broker, issued) => go({ kind: 'grantCheck', trader: view.trader, broker, issued })}
        />
      )}
      {view.kind === 'grantCheck' && (
        <GrantCheck
          trader={view.trader}
          broker={view.broker}
          issued={view.issued}
          onChange={() => go({ kind: 'grant', trader: view.trader, patent: view.broker.patent })}
          onDone={() => {
            void reloadMe();
            back(
              t('grant.done', { broker: view.broker.name, patent: view.broker.patent, name: view.trader.legalName }),
            );
          }}
        />
      )}
      {view.kind === 'revoke' && (
        <RevokeForm
          delegation={view.delegation}
          initial={view.reason}
          onCancel={() => back(null)}
          onIssued={(reason, issued) => go({ kind: 'revokeCheck', delegation: view.delegation, reason, issued })}
        />
      )}
      {view.kind === 'revokeCheck' && (
        <RevokeCheck
          delegation={view.delegation}
          reason={view.reason}
          issued={view.issued}
          onChange={() => go({ kind: 'revoke', delegation: view.delegation, reason: view.reason })}
          onCancel={() => back(null)}
          onDone={() => {
            void reloadMe();
            back(
              t('revokeDelegation.done', {
                broker: view.delegation.broker.name,
                name: view.delegation.trader.legalName,
              }),
            );
          }}
        />
      )}
      {view.kind === 'token' && (
        <TokenForm
          initial={view.input}
          onCancel={() => back(null)}
          onIssued={(input, issued) => go({ kind: 'tokenCheck', input, issued })}
        />
      )}
      {view.kind === 'tokenCheck' && (
        <TokenCheck
          input={view.input}
          issued={view.issued}
          onChange={() => go({ kind: 'token', input: view.input })}
          onDone={(created) => finish({ kind: 'tokenCreated', created })}
        />
      )}
      {view.kind === 'tokenCreated' && (
        <TokenCreated created={view.created} onDone={() => back(t('tokenCreated.saved'))} />
      )}
      {view.kind === 'tokenRevoke' && (
        <TokenRevokeConfirm
          token={view.token}
          onCancel={() => back(null)}
          onDone={() => back(t('tokenRevoke.done', { label: view.token.label ?? '' }))}
        />
      )}
    </Page>
  );
}

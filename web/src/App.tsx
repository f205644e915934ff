import { lazy, Suspense } from 'react';
import { Layout } from './components/Layout';
import { Loading } from './components/Page';
import { PATHS, usePath } from './router';

// One chunk per page: a visitor of a public page does not load the signed-in pages or the e.firma code.
const Home = lazy(() => import('./pages/Home'));
const Catalogue = lazy(() => import('./pages/Catalogue'));
const Procedure = lazy(() => import('./pages/Procedure'));
const Verify = lazy(() => import('./pages/Verify'));
const SignIn = lazy(() => import('./pages/SignIn'));
const WhatDoINeed = lazy(() => import('./pages/WhatDoINeed'));
const Statistics = lazy(() => import('./pages/Statistics'));
const Customs = lazy(() => import('./pages/Customs'));
const Dashboard = lazy(() => import('./pages/Dashboard'));
const Application = lazy(() => import('./pages/Application'));
const Permit = lazy(() => import('./pages/Permit'));
const Permits = lazy(() => import('./pages/Permits'));
const Representation = lazy(() => import('./pages/Representation'));
const AgencyInbox = lazy(() => import('./pages/AgencyInbox'));
const AgencyApplication = lazy(() => import('./pages/AgencyApplication'));
const NewOperation = lazy(() => import('./pages/NewOperation'));
const Operation = lazy(() => import('./pages/Operation'));
const NotFound = lazy(() => import('./pages/NotFound'));

function Current() {
  const path = usePath().replace(/\/+$/, '') || '/';
  if (path === PATHS.home) return <Home />;
  if (path === PATHS.catalogue) return <Catalogue />;
  const procedure = path.match(/^\/tramites\/([^/]+)$/);
  if (procedure) return <Procedure code={decodeURIComponent(procedure[1]!)} />;
  if (path === PATHS.verify) return <Verify />;
  if (path === PATHS.signIn) return <SignIn />;
  if (path === PATHS.whatDoINeed) return <WhatDoINeed />;
  if (path === PATHS.statistics) return <Statistics />;
  if (path === PATHS.customs) return <Customs />;
  if (path === PATHS.dashboard) return <Dashboard />;
  const application = path.match(/^\/solicitudes\/([^/]+)$/);
  if (application) return <Application key={application[1]} id={decodeURIComponent(application[1]!)} />;
  if (path === PATHS.permits) return <Permits />;
  const permit = path.match(/^\/permisos\/([^/]+)$/);
  if (permit) return <Permit key={permit[1]} number={decodeURIComponent(permit[1]!)} />;
  if (path === PATHS.representation) return <Representation />;
  if (path === PATHS.agencyInbox) return <AgencyInbox />;
  const agencyApplication = path.match(/^\/dependencia\/solicitudes\/([^/]+)$/);
  if (agencyApplication) return <AgencyApplication id={decodeURIComponent(agencyApplication[1]!)} />;
  if (path === PATHS.newOperation) return <NewOperation />;
  const operation = path.match(/^\/operaciones\/([^/]+)$/);
  if (operation) return <Operation id={decodeURIComponent(operation[1]!)} />;
  return <NotFound />;
}

export function App() {
  return (
    <Layout>
      <Suspense fallback={<Loading />}>
        <Current />
      </Suspense>
    </Layout>
  );
}

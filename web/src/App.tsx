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
const Dashboard = lazy(() => import('./pages/Dashboard'));
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
  if (path === PATHS.dashboard) return <Dashboard />;
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

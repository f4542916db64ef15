import { useEffect } from 'preact/hooks';
import { Loading } from '../app/components/Loading';
import { navigations } from '../app/router';
import { Frame } from './components/Frame';
import { loadWorkspaceStrings } from './i18n';
import { useWorkspaceRoute, type WorkspaceRoute } from './routes';
import { useSession } from './session';
import { AcceptInvitation } from './screens/AcceptInvitation';
import { Audit } from './screens/Audit';
import { CreateEngagement } from './screens/CreateEngagement';
import { Dashboard } from './screens/Dashboard';
import { EditEngagement } from './screens/EditEngagement';
import { Engagements } from './screens/Engagements';
import { Events } from './screens/Events';
import { Exports } from './screens/Exports';
import { ImportFile } from './screens/ImportFile';
import { Keys } from './screens/Keys';
import { Language } from './screens/Language';
import { Languages } from './screens/Languages';
import { Moderation } from './screens/Moderation';
import { NotFound } from './screens/NotFound';
import { Organisers } from './screens/Organisers';
import { Publish } from './screens/Publish';
import { Retention } from './screens/Retention';
import { CheckResults } from './screens/CheckResults';
import { ThemesByRoute } from './screens/ThemesByRoute';
import { Themes } from './screens/Themes';
import { Coding } from './screens/Coding';
import { Suggestions } from './screens/Suggestions';
import { Findings } from './screens/Findings';
import { SignIn } from './screens/SignIn';
import './workspace.css';

loadWorkspaceStrings();

/** The organisers' workspace: its frame and the page for the current path below /organiser. */
export function Workspace() {
  const route = useWorkspaceRoute();
  const session = useSession();
  // The workspace is in English whatever the device's participant language is.
  useEffect(() => {
    const root = document.documentElement;
    const before = { lang: root.lang, dir: root.dir };
    root.lang = 'en';
    root.dir = 'ltr';
    return () => {
      root.lang = before.lang;
      root.dir = before.dir;
    };
  }, []);
  let page;
  if (route.name === 'accept-invite') page = <AcceptInvitation token={route.token} />;
  else if (session === undefined) page = <Loading />;
  else if (session === null || route.name === 'sign-in') page = <SignIn />;
  else page = <Page key={navigations()} route={route} />;
  return <Frame>{page}</Frame>;
}

function Page({ route }: { route: WorkspaceRoute }) {
  switch (route.name) {
    case 'engagements':
      return <Engagements />;
    case 'new':
      return <CreateEngagement />;
    case 'edit':
      return <EditEngagement slug={route.slug} />;
    case 'languages':
      return <Languages slug={route.slug} />;
    case 'language':
      return <Language slug={route.slug} lng={route.lng} />;
    case 'publish':
      return <Publish slug={route.slug} />;
    case 'moderation':
      return <Moderation slug={route.slug} status={route.status} />;
    case 'audit':
      return <Audit slug={route.slug} />;
    case 'dashboard':
      return <Dashboard slug={route.slug} />;
    case 'exports':
      return <Exports slug={route.slug} />;
    case 'events':
      return <Events slug={route.slug} />;
    case 'import':
      return <ImportFile slug={route.slug} />;
    case 'keys':
      return <Keys slug={route.slug} confirm={route.confirm} />;
    case 'retention':
      return <Retention slug={route.slug} />;
    case 'check-results':
      return <CheckResults slug={route.slug} />;
    case 'themes-by-route':
      return <ThemesByRoute slug={route.slug} />;
    case 'themes':
      return <Themes slug={route.slug} theme={route.theme} remove={route.remove} />;
    case 'coding':
      return <Coding slug={route.slug} filter={route.filter} question={route.question} />;
    case 'suggestions':
      return <Suggestions slug={route.slug} />;
    case 'findings':
      return <Findings slug={route.slug} />;
    case 'organisers':
      return <Organisers />;
    case 'sign-in':
    case 'accept-invite':
    case 'not-found':
      return <NotFound />;
  }
}

import { lazy, Suspense, type ReactNode } from 'react';
import { Navigate, Route, Routes, useLocation } from 'react-router';
import { homeOf, useSession, type Role } from './auth/session';
import { Layout } from './ui/Layout';
import { PageLoading } from './ui/plain';
import { NotFound } from './ui/states';

// One chunk per page: a phone on a village network loads the home and search pages alone. Those
// two (and every loading and error state) are plain React; the other pages use antd, whose theme
// and locale come with AntShell, a chunk of its own.
const AntShell = lazy(() => import('./ui/AntShell'));
const Home = lazy(() => import('./pages/public/Home'));
const JobSearch = lazy(() => import('./pages/public/JobSearch'));
const JobDetail = lazy(() => import('./pages/public/JobDetail'));
const Login = lazy(() => import('./pages/public/Login'));
const Calculator = lazy(() => import('./pages/public/Calculator'));
const Policies = lazy(() => import('./pages/public/Policies'));
const PolicyDetail = lazy(() => import('./pages/public/PolicyDetail'));
const Fairs = lazy(() => import('./pages/public/Fairs'));
const FairDetail = lazy(() => import('./pages/public/FairDetail'));
const Gigs = lazy(() => import('./pages/public/Gigs'));
const GigDetail = lazy(() => import('./pages/public/GigDetail'));
const Internships = lazy(() => import('./pages/public/Internships'));
const Targets = lazy(() => import('./pages/public/Targets'));
const SeekerHome = lazy(() => import('./pages/seeker/SeekerHome'));
const EmployerHome = lazy(() => import('./pages/employer/EmployerHome'));
const EmployerPost = lazy(() => import('./pages/employer/EmployerPost'));
const AgencyHome = lazy(() => import('./pages/agency/AgencyHome'));
const StaffConsole = lazy(() => import('./pages/staff/StaffConsole'));

/** Signed in with one of these roles, or off to the login page (and back here afterwards). */
function RequireRole({ roles, children }: { roles: Role[]; children: ReactNode }) {
  const { status, user } = useSession();
  const location = useLocation();
  if (status === 'loading') return <PageLoading />;
  if (!user)
    return <Navigate to={`/login?next=${encodeURIComponent(location.pathname + location.search)}`} replace />;
  if (!roles.includes(user.role)) return <Navigate to={homeOf(user.role)} replace />;
  return <>{children}</>;
}

function MeHome() {
  const { user } = useSession();
  switch (user?.role) {
    case 'seeker':
      return <SeekerHome />;
    case 'employer':
      return <EmployerHome />;
    case 'agency':
      return <AgencyHome />;
    default:
      return <Navigate to="/staff" replace />;
  }
}

export function AppRoutes() {
  return (
    <Layout>
      <Suspense fallback={<PageLoading />}>
        <Routes>
          <Route path="/" element={<Home />} />
          <Route path="/jobs" element={<JobSearch />} />
          <Route element={<AntShell />}>
            <Route path="/jobs/:id" element={<JobDetail />} />
            <Route path="/login" element={<Login />} />
            <Route path="/calculator" element={<Calculator />} />
            <Route path="/policies" element={<Policies />} />
            <Route path="/policies/:id" element={<PolicyDetail />} />
            <Route path="/fairs" element={<Fairs />} />
            <Route path="/fairs/:id" element={<FairDetail />} />
            <Route path="/gigs" element={<Gigs />} />
            <Route path="/gigs/:id" element={<GigDetail />} />
            <Route path="/internships" element={<Internships />} />
            <Route path="/targets" element={<Targets />} />
            <Route
              path="/me"
              element={
                <RequireRole roles={['seeker', 'employer', 'agency', 'staff', 'admin']}>
                  <MeHome />
                </RequireRole>
              }
            />
            <Route
              path="/me/posts/:id"
              element={
                <RequireRole roles={['employer']}>
                  <EmployerPost />
                </RequireRole>
              }
            />
            <Route
              path="/staff"
              element={
                <RequireRole roles={['staff', 'admin']}>
                  <StaffConsole />
                </RequireRole>
              }
            />
          </Route>
          <Route path="*" element={<NotFound />} />
        </Routes>
      </Suspense>
    </Layout>
  );
}

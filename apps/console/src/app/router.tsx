import { createBrowserRouter, Navigate } from 'react-router';
import { Layout } from './layout';
import { NotFound } from './not-found';
import { SignIn } from '../features/auth/sign-in';
import { CourseOffersPage } from '../features/course-offers/course-offers-page';
import { EnrolmentsPage } from '../features/course-offers/enrolments-page';
import { CourseEnrolmentCredentialsPage } from '../features/course-offers/course-enrolment-credentials-page';
import { QualificationEnrolmentsPage } from '../features/qualifications/qualification-enrolments-page';
import { RegisterPage } from '../features/register/register-page';
import { CredentialPage } from '../features/credentials/credential-page';
import { TemplatesPage } from '../features/templates/templates-page';
import { TemplatePage } from '../features/templates/template-page';
import { BulkRunsPage } from '../features/bulk-runs/bulk-runs-page';
import { BulkRunPage } from '../features/bulk-runs/bulk-run-page';
import { OverduePage } from '../features/overdue/overdue-page';

/** Every screen has its own URL (filters and page in its query string): a reload or a shared link keeps the place. */
export const router = createBrowserRouter(
  [
    { path: '/sign-in', element: <SignIn /> },
    {
      element: <Layout />,
      children: [
        { index: true, element: <Navigate to="/course-offers" replace /> },
        { path: 'course-offers', element: <CourseOffersPage /> },
        { path: 'course-offers/:offerId/enrolments', element: <EnrolmentsPage /> },
        { path: 'course-offers/:offerId/credentials', element: <RegisterPage scope="course-offer" /> },
        { path: 'course-enrolments/:enrolmentId/credentials', element: <CourseEnrolmentCredentialsPage /> },
        { path: 'qualification-enrolments', element: <QualificationEnrolmentsPage /> },
        { path: 'qualifications/:qualificationId/credentials', element: <RegisterPage scope="qualification" /> },
        { path: 'learners/:learnerId/credentials', element: <RegisterPage scope="learner" /> },
        { path: 'register', element: <RegisterPage scope="all" /> },
        { path: 'credentials/:credentialId', element: <CredentialPage /> },
        { path: 'templates', element: <TemplatesPage /> },
        { path: 'templates/:templateId', element: <TemplatePage /> },
        { path: 'bulk-runs', element: <BulkRunsPage /> },
        { path: 'bulk-runs/:bulkRunId', element: <BulkRunPage /> },
        { path: 'overdue', element: <OverduePage /> },
        { path: '*', element: <NotFound /> },
      ],
    },
  ],
  { basename: '/console' },
);

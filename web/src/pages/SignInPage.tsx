import { Button, Paper, PasswordInput, Stack, TextInput, Title } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import { landingPath, useSession } from '../auth/session';
import { ErrorAlert } from '../components/ErrorAlert';

/** Only paths of this app are followed after sign-in, never another site. */
/** Returns the page to return to after signing in when it is a path of this app, else null. */
function safeNext(next: string | null): string | null {
  return next && next.startsWith('/') && !next.startsWith('//') ? next : null;
}

export default function SignInPage() {
  const { t } = useTranslation();
  useDocumentTitle(`${t('signIn.title')} · ${t('app.name')}`);
  const { me, signIn } = useSession();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [pending, setPending] = useState(false);

  if (me) return <Navigate to={safeNext(params.get('next')) ?? landingPath(me)} replace />;

  async function handleSubmit(event: FormEvent) {
    event.preventDefault();
    setError(null);
    setPending(true);
    try {
      const person = await signIn(email, password);
      void navigate(safeNext(params.get('next')) ?? landingPath(person), { replace: true });
    } catch (caught) {
      setError(caught);
    } finally {
      setPending(false);
    }
  }

  return (
    <Paper withBorder p="lg" maw={420} mx="auto" mt="lg">
      <form onSubmit={(event) => void handleSubmit(event)} noValidate>
        <Stack>
          <Title order={1} size="h2">
            {t('signIn.title')}
          </Title>
          <ErrorAlert error={error} />
          <TextInput
            label={t('fields.email')}
            type="email"
            autoComplete="username"
            required
            value={email}
            onChange={(event) => setEmail(event.currentTarget.value)}
          />
          <PasswordInput
            label={t('fields.password')}
            autoComplete="current-password"
            required
            value={password}
            onChange={(event) => setPassword(event.currentTarget.value)}
          />
          <Button type="submit" loading={pending}>
            {t('signIn.submit')}
          </Button>
        </Stack>
      </form>
    </Paper>
  );
}

import { useEffect, useState } from 'preact/hooks';
import { FINDINGS_API } from '../../shared/findings';
import { getCachedFindings } from '../../storage';
import { useT } from '../use-t';
import { paths } from '../router';
import { loadLazyStrings } from '../../i18n';
import { Link } from '../components/Link';

/**
 * A link to the engagement's "you said, we heard" page, shown once one is published: when
 * this device keeps a copy (so it works offline too), or when the server says one exists (a
 * HEAD request, no body). Nothing shows before then, and it sits last on its page so nothing
 * moves when it appears.
 */
export function FindingsLink({ slug }: { slug: string }) {
  const t = useT();
  const published = useFindingsPublished(slug);
  if (!published) return null;
  return (
    <p class="govuk-body">
      <Link href={paths.findings(slug)} class="govuk-link">
        {t('receipt.findingsLink')}
      </Link>
    </p>
  );
}

function useFindingsPublished(slug: string): boolean {
  const [published, setPublished] = useState(false);
  useEffect(() => {
    let alive = true;
    // The link's words are in the lazy strings, fetched only once there is something to link to.
    let shown: Promise<void> | undefined;
    const found = () => {
      shown ??= loadLazyStrings().then(() => {
        if (alive) setPublished(true);
      });
      shown.catch(() => undefined);
    };
    getCachedFindings(slug).then((kept) => kept && found(), () => undefined);
    fetch(FINDINGS_API.findings(slug), { method: 'HEAD', cache: 'no-store' }).then((response) => response.ok && found(), () => undefined);
    return () => {
      alive = false;
    };
  }, [slug]);
  return published;
}

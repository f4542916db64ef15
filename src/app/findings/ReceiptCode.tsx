import { useEffect, useState } from 'preact/hooks';
import { receiptCode } from '../../shared/receipt-code';
import { useT } from '../use-t';
import { useEasyRead } from '../easy-read/use-easy-read';
import { Picture } from '../easy-read/Picture';
import { FINDINGS_PICTURES } from '../easy-read/ui-pictures';
import './receipt.css';

/**
 * "Your receipt code" on the confirmation page: made on the device from the contribution's id,
 * so it shows offline, before anything is sent. Each character stands apart, so a screen
 * reader or the read-aloud voice says it character by character, and someone copying it by
 * hand does not run two together; the groups read left to right in every language.
 * The id comes from this person's own history entry and the code is never stored, so the next
 * person on a shared tablet cannot bring it back.
 */
export function ReceiptCode({ id }: { id: string | undefined }) {
  const t = useT();
  const easyRead = useEasyRead();
  const [code, setCode] = useState<string>();
  useEffect(() => {
    if (!id) return;
    let alive = true;
    receiptCode(id).then(
      (made) => alive && setCode(made),
      () => undefined,
    );
    return () => {
      alive = false;
    };
  }, [id]);
  if (!id) return null;
  return (
    <div class="govuk-inset-text app-receipt">
      <h2 class="govuk-heading-m app-receipt__heading">
        {easyRead && <Picture id={FINDINGS_PICTURES.receipt} />}
        <span>{t('receipt.heading')}</span>
      </h2>
      {/* Rendered at once with an empty code, so the page below does not move when it arrives. */}
      <p class="app-receipt__code" dir="ltr" translate={false} data-receipt-code={code}>
        {code
          ? code.split('-').map((group, i) => (
              <span class="app-receipt__group" key={i}>
                {group.split('').join(' ')}
                {i < 2 ? ' ' : ''}
              </span>
            ))
          : '\u00a0'}
      </p>
      <p class="govuk-body">{t('receipt.body')}</p>
      <p class="govuk-body">{t('receipt.private')}</p>
    </div>
  );
}

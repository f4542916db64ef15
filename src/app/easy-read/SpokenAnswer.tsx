import type { ComponentType } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { deleteAudio, type DraftAnswer } from '../../storage';
import { useT } from '../use-t';
import type { AudioRecorderProps } from './AudioRecorder';
import { Picture } from './Picture';

/** Whether a text question shows the recorder instead of the text box; on when the answer is a recording. */
export function useSpokenMode(answer: DraftAnswer | undefined): [boolean, (on: boolean) => void] {
  return useState(Boolean(answer?.audio));
}

let recorderModule: Promise<ComponentType<AudioRecorderProps>> | undefined;

// The recorder is its own chunk: people who never record never download it.
function loadRecorder(): Promise<ComponentType<AudioRecorderProps>> {
  recorderModule ??= import('./AudioRecorder').then((m) => m.AudioRecorder);
  recorderModule.catch(() => (recorderModule = undefined));
  return recorderModule;
}

/**
 * The switch between writing and speaking an answer, and the recorder when speaking.
 * Going back to writing deletes the recording, so an answer is one or the other, never both.
 */
export function SpokenAnswer({ spoken, setSpoken, answer, onChange }: { spoken: boolean; setSpoken: (on: boolean) => void; answer: DraftAnswer | undefined; onChange: (answer: DraftAnswer) => void }) {
  const t = useT();
  const [Recorder, setRecorder] = useState<ComponentType<AudioRecorderProps>>();
  useEffect(() => {
    if (spoken && !Recorder) void loadRecorder().then((component) => setRecorder(() => component));
  }, [spoken, Recorder]);

  const toWriting = async () => {
    const id = answer?.audio?.id;
    if (id) await deleteAudio([id]).catch(() => undefined);
    onChange({ text: '' });
    setSpoken(false);
  };

  return (
    <div class="app-spoken">
      {spoken && Recorder && <Recorder answer={answer} onChange={onChange} />}
      <button type="button" class="govuk-button govuk-button--secondary app-spoken__switch" onClick={() => (spoken ? void toWriting() : setSpoken(true))}>
        <Picture id={spoken ? '270F' : '1F3A4'} size={32} />
        {spoken ? t('audio.writeInstead') : t('audio.recordInstead')}
      </button>
    </div>
  );
}

/** "1:05" for 65 seconds. */
export function formatSeconds(seconds: number): string {
  const whole = Math.max(0, Math.round(seconds));
  return `${Math.floor(whole / 60)}:${String(whole % 60).padStart(2, '0')}`;
}

import { Alert, Box, Button, Group, Modal, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import SignaturePad from 'signature_pad';
import type { FormBlockStatus, FormStatus } from '../../../../shared/contract/forms';
import { signatureStatusLabels } from '../../../../shared/domain/signatureStatus';
import { ApiError, invoke } from '../../api/client';
import { invalidateChannels } from '../../api/queries';
import { FormFooter } from '../../components/FormFooter';
import { errorMessage, notifySuccess } from '../../components/formErrors';

export interface SignTarget {
  form: FormStatus;
  block: FormBlockStatus;
  /** screen = draw on the canvas; ink = the block will be signed on paper. */
  method: 'screen' | 'ink';
}

const canvasWidth = 560;
const canvasHeight = 200;

/** 屏幕签字 / 纸质签字 for one block; asks for a reason when a signature is already there. */
export function SignatureDialog({ target, onClose }: { target: SignTarget | null; onClose: () => void }) {
  const title = target ? `${target.method === 'screen' ? '屏幕签字' : '纸质签字'} — ${target.block.roleLabel}` : '';
  return (
    <Modal opened={target !== null} onClose={onClose} title={title} size={640} closeOnClickOutside={false}>
      {target && <SignatureBody target={target} onClose={onClose} />}
    </Modal>
  );
}

function SignatureBody({ target, onClose }: { target: SignTarget; onClose: () => void }) {
  const { form, block, method } = target;
  const queryClient = useQueryClient();
  const canvasRef = useRef<HTMLCanvasElement | null>(null);
  const padRef = useRef<SignaturePad | null>(null);
  const [signer, setSigner] = useState(block.signature?.signerName ?? block.suggestedSigner ?? '');
  const [reason, setReason] = useState('');
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const replacing = block.signature !== null;

  useEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas || method !== 'screen') return;
    // Draw at the screen's pixel density so the printed signature stays sharp.
    const ratio = Math.max(window.devicePixelRatio || 1, 1);
    canvas.width = canvasWidth * ratio;
    canvas.height = canvasHeight * ratio;
    canvas.getContext('2d')?.scale(ratio, ratio);
    const pad = new SignaturePad(canvas, { minWidth: 0.8, maxWidth: 2.6, penColor: '#000', backgroundColor: 'rgba(0,0,0,0)' });
    padRef.current = pad;
    return () => {
      pad.off();
      padRef.current = null;
    };
  }, [method]);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const errors: Record<string, string> = {};
    if (signer.trim() === '') errors.signerName = '请填写签字人姓名';
    if (replacing && reason.trim() === '') errors.replaceReason = '已有签字，重新签字请填写原因';
    if (method === 'screen' && (padRef.current?.isEmpty() ?? true)) errors.imagePng = '请在签字框内签字';
    setFieldErrors(errors);
    if (Object.keys(errors).length > 0) return;
    setBusy(true);
    setFailure(null);
    try {
      const common = { kind: form.kind, recordId: form.recordId, block: block.block, signerName: signer.trim(), replaceReason: replacing ? reason.trim() : '' };
      if (method === 'screen') {
        await invoke('forms.sign', { ...common, imagePng: padRef.current!.toDataURL('image/png') });
      } else {
        await invoke('forms.markInk', common);
      }
      await invalidateChannels(queryClient, 'forms.status', 'audit.list');
      notifySuccess(method === 'screen' ? `${block.roleLabel}已签字（${signer.trim()}）` : `${block.roleLabel}已标记为纸质签字，签字后请上传扫描件`);
      onClose();
    } catch (error) {
      if (error instanceof ApiError) setFieldErrors(error.fields);
      setFailure(errorMessage(error));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form onSubmit={(e) => void submit(e)} noValidate aria-label={method === 'screen' ? '屏幕签字' : '纸质签字'}>
      <Stack gap="sm">
        <Text size="sm">
          {form.title}
          {form.recordLabel ? `（${form.recordLabel}）` : ''}，核验码 <b>{form.contentCode}</b>
        </Text>
        {replacing && block.signature && (
          <Alert color={block.status === 'stale' ? 'red' : 'orange'} variant="light" p="xs">
            当前签字：{block.signature.signerName}（{block.signature.signedOn}，{signatureStatusLabels[block.status]}）。重新签字后原签字保留在记录中。
          </Alert>
        )}
        <TextInput
          label="签字人姓名"
          required
          data-autofocus
          value={signer}
          error={fieldErrors.signerName}
          onChange={(e) => {
            setSigner(e.currentTarget.value);
            setFieldErrors((f) => ({ ...f, signerName: '' }));
          }}
        />
        {replacing && (
          <Textarea
            label="重新签字原因"
            required
            autosize
            minRows={2}
            value={reason}
            error={fieldErrors.replaceReason}
            onChange={(e) => {
              setReason(e.currentTarget.value);
              setFieldErrors((f) => ({ ...f, replaceReason: '' }));
            }}
          />
        )}
        {method === 'screen' ? (
          <Stack gap={4}>
            <Text size="sm" fw={500}>
              请在框内签字（鼠标、手写笔或触屏）
            </Text>
            <Box
              style={{
                border: `1px solid ${fieldErrors.imagePng ? 'var(--mantine-color-red-6)' : 'var(--mantine-color-gray-5)'}`,
                borderRadius: 4,
                width: canvasWidth + 2,
                background: '#fff',
              }}
            >
              <canvas
                ref={canvasRef}
                aria-label="签字板"
                style={{ width: canvasWidth, height: canvasHeight, display: 'block', touchAction: 'none', cursor: 'crosshair' }}
              />
            </Box>
            <Group justify="space-between">
              <Text size="xs" c={fieldErrors.imagePng ? 'red' : 'dimmed'}>
                {fieldErrors.imagePng || '签字与签字人、签字时间和表单内容一起保存；表单内容变更后签字失效。'}
              </Text>
              <Button size="xs" variant="default" onClick={() => padRef.current?.clear()}>
                清除
              </Button>
            </Group>
          </Stack>
        ) : (
          <Text size="sm" c="dimmed">
            打印表单后由 {signer || '签字人'} 在纸上签字，再用"上传扫描件"附上签字页的扫描件或照片。
          </Text>
        )}
        <FormFooter failure={failure} submitLabel={method === 'screen' ? '确认签字' : '标记纸质签字'} busy={busy} onCancel={onClose} />
      </Stack>
    </form>
  );
}

import { useState, type FormEvent } from 'react';
import type { ShipmentSummaryPage, TransportVehicleList } from '@flowpilot/contract';
import type { z } from 'zod';
import { apiRequest, withQuery } from '../api/api-client';
import { useApi } from '../api/use-api';
import { useI18n } from '../i18n/i18n-context';
import { Kpi, Section } from '../components/page';
import { SvgPicture } from '../components/svg-picture';
import { Empty, ErrorMessage, Loading } from '../components/states';

type ShipmentSummary = z.infer<typeof ShipmentSummaryPage>['items'][number];
type Vehicle = TransportVehicleList['items'][number];

/**
 * Answer of `GET /api/v1/shipments/loads/preview` (schema ShipmentLoadPreviewResponse in
 * packages/server/src/routes/shipments.ts): the 3D load of planned shipments on one vehicle and its picture.
 */
export type ShipmentLoadPreview = {
  vehicleCode: string;
  container: { id?: string; lengthCm: number; widthCm: number; heightCm: number; maxPayloadKg?: number };
  stops: { stopSequence: number; shipmentNumber: string }[];
  boxes: { id: string; shipmentNumber: string; packageNumber: number; sscc: string; lengthCm: number; widthCm: number; heightCm: number; weightKg?: number; sizeSource: 'volume' | 'default' }[];
  status: 'all_packed' | 'partial';
  placements: { boxTypeId: string; stopSequence: number }[];
  volumeUtilisation: number;
  packedWeightKg: number;
  unpacked: { shipmentNumber: string; packageNumber: number; reason: string }[];
  issues: { rule: string; boxIndex: number; message: string }[];
  assumptions: string[];
  svg: string;
};

/**
 * The load picture of real shipments: the user ticks planned shipments (in delivery order: the first ticked is the
 * first stop, loaded last at the door) and picks one of the organization's vehicles (GET /api/v1/transport/vehicles,
 * shown with its type and size); the server plans the 3D load and draws it.
 */
export function ShipmentLoad() {
  const { t, formatNumber, formatPercent, language } = useI18n();
  const planned = useApi<z.infer<typeof ShipmentSummaryPage>>(withQuery('/api/v1/shipments', { status: 'planned', pageSize: 200 }), language);
  const vehicles = useApi<TransportVehicleList>('/api/v1/transport/vehicles', language);
  /** "VH-PAR-4 · Fourgon 3,5 t · 420 × 205 × 230 cm · 1,200 kg", or the volume when the body is not recorded (then assumed). */
  const vehicleLabel = (v: Vehicle): string => [
    v.code, v.vehicleType,
    v.body ? t('shipmentLoad.vehicleBody', { l: formatNumber(v.body.lengthCm, 0), w: formatNumber(v.body.widthCm, 0), h: formatNumber(v.body.heightCm, 0) })
      : v.volumeM3 !== null ? t('shipmentLoad.vehicleVolume', { m3: formatNumber(v.volumeM3, 1) }) : t('shipmentLoad.vehicleNoSize'),
    t('shipmentLoad.payload', { kg: formatNumber(v.payloadKg, 0) }),
  ].join(' · ');
  const [vehicle, setVehicle] = useState('');
  /** Ticked shipments in the order they were ticked = delivery order. */
  const [order, setOrder] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<ShipmentLoadPreview | null>(null);
  const [error, setError] = useState<Error | null>(null);
  const toggle = (shipment: ShipmentSummary) => setOrder((all) => (all.includes(shipment.shipmentNumber) ? all.filter((n) => n !== shipment.shipmentNumber) : [...all, shipment.shipmentNumber]));
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      setResult(await apiRequest<ShipmentLoadPreview>(withQuery('/api/v1/shipments/loads/preview', { vehicle: vehicle.trim(), shipments: order.join(',') })));
    } catch (cause) {
      setResult(null);
      setError(cause as Error);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Section title={t('shipmentLoad.title')}>
      <p className="muted small">{t('shipmentLoad.hint')}</p>
      {planned.status === 'error' ? <ErrorMessage error={planned.error} onRetry={planned.reload} /> : !planned.data ? <Loading /> : planned.data.items.length === 0 ? <Empty>{t('shipmentLoad.none')}</Empty> : (
        <form onSubmit={submit} aria-label={t('shipmentLoad.title')}>
          <fieldset className="check-list" data-testid="load-shipments">
            <legend>{t('shipmentLoad.shipments')}</legend>
            {planned.data.items.map((s) => {
              const stop = order.indexOf(s.shipmentNumber);
              return (
                <label key={s.shipmentNumber} className="check-item">
                  <input type="checkbox" checked={stop >= 0} onChange={() => toggle(s)} />
                  {' '}{s.shipmentNumber} · {s.customerCode} {s.customerName} · {t('shipmentLoad.packages', { count: s.packageCount })}
                  {stop >= 0 && <span className="badge">{t('shipmentLoad.stop', { n: stop + 1 })}</span>}
                </label>
              );
            })}
          </fieldset>
          <div className="toolbar">
            <label className="inline-field">{t('shipmentLoad.vehicle')}
              <select value={vehicle} onChange={(e) => setVehicle(e.target.value)} required data-testid="load-vehicle">
                <option value="">{vehicles.data?.items.length === 0 ? t('shipmentLoad.noVehicles') : t('shipmentLoad.chooseVehicle')}</option>
                {vehicles.data?.items.map((v) => <option key={v.code} value={v.code}>{vehicleLabel(v)}</option>)}
              </select>
            </label>
            <button type="submit" className="primary" disabled={busy || order.length === 0 || vehicle.trim() === ''} data-testid="preview-load">{busy ? t('common.working') : t('shipmentLoad.preview')}</button>
          </div>
        </form>
      )}
      {vehicles.status === 'error' && <ErrorMessage error={vehicles.error} onRetry={vehicles.reload} />}
      {error && <ErrorMessage error={error} />}
      {result && (
        <div data-testid="shipment-load-result">
          <div className="kpi-row">
            <Kpi label={t('transport.packed')} value={`${formatNumber(result.placements.length, 0)} / ${formatNumber(result.boxes.length, 0)}`} tone={result.status === 'all_packed' ? 'good' : 'warn'} hint={result.status === 'all_packed' ? t('transport.allPacked') : t('transport.partial')} />
            <Kpi label={t('transport.utilisation')} value={formatPercent(result.volumeUtilisation)} />
            <Kpi label={t('shipmentLoad.weight')} value={formatNumber(result.packedWeightKg, 0)} hint={result.container.maxPayloadKg !== undefined ? t('shipmentLoad.payload', { kg: formatNumber(result.container.maxPayloadKg, 0) }) : undefined} />
            <Kpi label={t('shipmentLoad.check')} value={result.issues.length === 0 ? t('shipmentLoad.sound') : formatNumber(result.issues.length, 0)} tone={result.issues.length === 0 ? 'good' : 'bad'} />
          </div>
          <p className="muted small">{t('shipmentLoad.body', { vehicle: result.vehicleCode, l: formatNumber(result.container.lengthCm, 1), w: formatNumber(result.container.widthCm, 1), h: formatNumber(result.container.heightCm, 1) })}
            {' '}{result.stops.map((s) => `${s.stopSequence}. ${s.shipmentNumber}`).join(' · ')}</p>
          <SvgPicture svg={result.svg} label={t('transport.loadPicture')} testId="shipment-load-picture" />
          {result.unpacked.length > 0 && (
            <ul className="small" data-testid="load-unpacked">{result.unpacked.map((u) => <li key={`${u.shipmentNumber}#${u.packageNumber}`}>{t('shipmentLoad.leftOnDock', { shipment: u.shipmentNumber, package: u.packageNumber, reason: u.reason })}</li>)}</ul>
          )}
          {result.issues.length > 0 && <ul className="small state-error">{result.issues.map((issue, i) => <li key={i}>{issue.message}</li>)}</ul>}
          {result.assumptions.length > 0 && <ul className="small muted">{result.assumptions.map((a) => <li key={a}>{a}</li>)}</ul>}
        </div>
      )}
    </Section>
  );
}

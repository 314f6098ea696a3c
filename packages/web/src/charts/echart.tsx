import { useEffect, useRef } from 'react';
import * as echarts from 'echarts/core';
import { BarChart, HeatmapChart, LineChart, ScatterChart, LinesChart, CustomChart } from 'echarts/charts';
import { DataZoomComponent, GridComponent, LegendComponent, MarkAreaComponent, MarkLineComponent, TitleComponent, TooltipComponent, VisualMapComponent } from 'echarts/components';
import { SVGRenderer } from 'echarts/renderers';
import type { EChartsCoreOption } from 'echarts/core';

// Tree-shaken: only the charts and components the pages use are registered. SVG renders crisp, prints, and works in jsdom.
echarts.use([BarChart, HeatmapChart, LineChart, ScatterChart, LinesChart, CustomChart, DataZoomComponent, GridComponent, LegendComponent,
  MarkAreaComponent, MarkLineComponent, TitleComponent, TooltipComponent, VisualMapComponent, SVGRenderer]);

export type EChartOption = EChartsCoreOption;

// The page's font, named explicitly: ECharts measures text with it (a vague 'inherit' makes legend labels overlap).
const CHART_FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif";

type Props = {
  option: EChartOption;
  /** Text alternative read by screen readers (the chart itself is an image). */
  label: string;
  height?: number;
  onClick?: (params: { seriesIndex?: number; dataIndex: number; name: string; data: unknown }) => void;
  testId?: string;
};

/** A small React wrapper over echarts/core: one instance per element, option replaced on change, resized with the element. */
export function EChart({ option, label, height = 320, onClick, testId }: Props) {
  const element = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  const clickRef = useRef(onClick);
  clickRef.current = onClick;

  useEffect(() => {
    const node = element.current;
    if (!node) return;
    const instance = echarts.init(node, undefined, { renderer: 'svg', width: node.clientWidth || 800, height });
    chart.current = instance;
    instance.on('click', (params) => clickRef.current?.(params as never));
    const observer = typeof ResizeObserver === 'undefined' ? null : new ResizeObserver(() => instance.resize({ width: node.clientWidth || 800, height }));
    observer?.observe(node);
    return () => {
      observer?.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, [height]);

  useEffect(() => {
    chart.current?.setOption({ animation: false, textStyle: { fontFamily: CHART_FONT }, ...option }, { notMerge: true });
  }, [option]);

  return <div ref={element} className="chart" role="img" aria-label={label} data-testid={testId} style={{ height }} />;
}

// The daily trend: buyers received (bars) and the 3-minute rate (line), one point per day, from the core's
// pre-aggregated series (never the raw rounds). ECharts, only the parts used (tree-shaken), with its zh/en locale.
import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { KpiReport } from '../../../../shared/contract/index.ts';

echarts.use([BarChart, LineChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

export function ReportChart({ series }: { series: KpiReport['series'] }) {
  const { t, i18n } = useTranslation();
  const host = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  const locale = i18n.language === 'en-US' ? 'EN' : 'ZH';

  useEffect(() => {
    if (!host.current) return;
    const instance = echarts.init(host.current, undefined, { locale });
    chart.current = instance;
    const observer = new ResizeObserver(() => instance.resize());
    observer.observe(host.current);
    return () => {
      observer.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, [locale]);

  useEffect(() => {
    chart.current?.setOption(
      {
        animation: false,
        tooltip: { trigger: 'axis' },
        legend: { data: [t('reports.chartReceived'), t('reports.chartRate')] },
        grid: { left: 48, right: 56, top: 36, bottom: 28 },
        xAxis: { type: 'category', data: series.map((p) => p.day.slice(5)) },
        yAxis: [
          { type: 'value', minInterval: 1 },
          { type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value}%' } },
        ],
        series: [
          {
            name: t('reports.chartReceived'),
            type: 'bar',
            data: series.map((p) => p.received),
            itemStyle: { color: '#91caff' },
          },
          {
            name: t('reports.chartRate'),
            type: 'line',
            yAxisIndex: 1,
            connectNulls: true,
            data: series.map((p) => (p.rate3m === null ? null : Math.round(p.rate3m * 1000) / 10)),
            itemStyle: { color: '#fa8c16' },
          },
        ],
      },
      true,
    );
  }, [series, t, locale]);

  return <div ref={host} className="report-chart" role="img" aria-label={t('reports.chart')} style={{ height: 240 }} />;
}

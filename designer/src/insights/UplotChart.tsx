import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

// One uPlot chart, made when its data changes and destroyed when it goes:
// uPlot draws on a canvas of its own, outside React.

export function UplotChart({ options, data, label }: { options: Omit<uPlot.Options, 'width' | 'height'> & { height?: number }; data: uPlot.AlignedData; label: string }) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const element = box.current;
    if (element === null) return;
    const chart = new uPlot({ width: Math.max(240, element.clientWidth), height: options.height ?? 200, ...options }, data, element);
    return () => chart.destroy();
  }, [options, data]);
  return <div ref={box} className="hl-chart" role="img" aria-label={label} />;
}

/** Shows SVG text from the server as an image (scripts in an <img> never run, so the markup cannot inject anything). */
export function SvgPicture({ svg, label, testId }: { svg: string; label: string; testId?: string }) {
  return <img className="svg-picture" src={`data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`} alt={label} data-testid={testId} />;
}

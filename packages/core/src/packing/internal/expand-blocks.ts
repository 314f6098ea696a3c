import type { PackedBox } from '../types';
import type { Block } from './blocks';
import type { NormalizedProblem } from './normalize-input';

/** Writes the boxes of `block` placed at (x, y, z) into `out`. */
export function expandBlock(block: Block, x: number, y: number, z: number, problem: NormalizedProblem, out: PackedBox[]): void {
  const shape = block.shape;
  if (shape.kind === 'simple') {
    const type = problem.types[shape.typeIndex]!;
    for (let k = 0; k < shape.nz; k++) {
      for (let j = 0; j < shape.ny; j++) {
        for (let i = 0; i < shape.nx; i++) {
          out.push({
            boxTypeId: type.id,
            stopSequence: type.stopSequence,
            xCm: x + i * shape.ox,
            yCm: y + j * shape.oy,
            zCm: z + k * shape.oz,
            sizeXCm: shape.ox,
            sizeYCm: shape.oy,
            sizeZCm: shape.oz,
          });
        }
      }
    }
    return;
  }
  expandBlock(shape.a, x, y, z, problem, out);
  const ox = shape.axis === 0 ? shape.a.dx : 0;
  const oy = shape.axis === 1 ? shape.a.dy : 0;
  const oz = shape.axis === 2 ? shape.a.dz : 0;
  expandBlock(shape.b, x + ox, y + oy, z + oz, problem, out);
}

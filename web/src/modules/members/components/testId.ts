import type { ButtonProps } from 'antd';

/** A data-testid for antd props typed without one (modal OK buttons). */
export const testId = (id: string) => ({ 'data-testid': id }) as ButtonProps;

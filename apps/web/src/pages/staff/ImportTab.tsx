import { Alert, Divider } from 'antd';
import { ImportTemplates, ImportUpload } from '../../ui/ImportUpload';

/**
 * 岗位导入: staff upload a 岗位信息采集表 for enterprises. POST /api/v1/job-posts/imports takes no
 * enterprise: each row names its employer by 统一社会信用代码 (new ones are registered), so there is
 * no enterprise picker here.
 */
export default function ImportTab() {
  return (
    <div style={{ display: 'flex', flexDirection: 'column', gap: 16 }}>
      <Alert
        type="info"
        showIcon
        title="代企业批量导入岗位"
        description="采集表的每一行按「统一社会信用代码」对应用人单位，平台中没有的单位会自动登记；同一单位可在一张表中填写多个岗位。"
      />
      <ImportTemplates />
      <Divider style={{ margin: 0 }} />
      <ImportUpload />
    </div>
  );
}

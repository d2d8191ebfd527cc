<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>AddModelDialog</name>
    <message>
        <location filename="../../src/visiondesk/gui/compare_add_dialog.py" line="65"/>
        <source>Add a Model to the Comparison</source>
        <translation>向对比添加模型</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/compare_add_dialog.py" line="67"/>
        <source>Any provider can take part: each model is asked with its own provider&apos;s key.</source>
        <translation>任何服务商的模型都可参与对比：每个模型都使用其服务商自己的密钥调用。</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/compare_add_dialog.py" line="68"/>
        <source>Provider</source>
        <translation>服务商</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/compare_add_dialog.py" line="69"/>
        <source>Model</source>
        <translation>模型</translation>
    </message>
</context>
<context>
    <name>AnswerPage</name>
    <message>
        <location filename="../../src/visiondesk/gui/answer_page.py" line="58"/>
        <source>Copy Answer as Plain Text</source>
        <translation>复制回答为纯文本</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/answer_page.py" line="59"/>
        <source>Copy Answer as Markdown</source>
        <translation>复制回答为 Markdown</translation>
    </message>
</context>
<context>
    <name>BatchDialog</name>
    <message>
        <location filename="../../src/visiondesk/gui/batch_dialog.py" line="168"/>
        <source>Batch</source>
        <translation>批量分析</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/batch_dialog.py" line="170"/>
        <source>Every image of these files and folders goes to every model checked in the window. Each result is saved as it arrives; run the same batch again to skip what is done and retry what failed.</source>
        <translation>这些文件和文件夹中的每张图片都会发给窗口中勾选的每个模型。每个结果一到就会保存；再次运行同一批次会跳过已完成的部分并重试失败的部分。</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/batch_dialog.py" line="173"/>
        <source>Add Files…</source>
        <translation>添加文件…</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/batch_dialog.py" line="174"/>
        <source>Add Folder…</source>
        <translation>添加文件夹…</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/batch_dialog.py" line="175"/>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/batch_dialog.py" line="177"/>
        <source>Models</source>
        <translation>模型</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/batch_dialog.py" line="177"/>
        <source>Prompt</source>
        <translation>提示词</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/batch_dialog.py" line="177"/>
        <source>Results file</source>
        <translation>结果文件</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/batch_dialog.py" line="178"/>
        <location filename="../../src/visiondesk/gui/batch_dialog.py" line="228"/>
        <source>Fields (JSON Schema)</source>
        <translation>字段（JSON Schema）</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/batch_dialog.py" line="178"/>
        <source>Spreadsheet</source>
        <translation>表格</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/batch_dialog.py" line="178"/>
        <source>At a time</source>
        <translation>同时进行</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/batch_dialog.py" line="180"/>
        <source>optional: ask for these fields as JSON</source>
        <translation>可选：要求以 JSON 返回这些字段</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/batch_dialog.py" line="181"/>
        <source>Also write a CSV next to the results file</source>
        <translation>同时在结果文件旁写一个 CSV 表格</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/batch_dialog.py" line="182"/>
        <location filename="../../src/visiondesk/gui/batch_dialog.py" line="183"/>
        <source>Choose…</source>
        <translation>选择…</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/batch_dialog.py" line="184"/>
        <source>Start</source>
        <translation>开始</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/batch_dialog.py" line="185"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/batch_dialog.py" line="186"/>
        <source>Retry Failed</source>
        <translation>重试失败项</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/batch_dialog.py" line="187"/>
        <source>Only failures</source>
        <translation>仅显示失败</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/batch_dialog.py" line="189"/>
        <source>Image</source>
        <translation>图片</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/batch_dialog.py" line="189"/>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/batch_dialog.py" line="189"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/batch_dialog.py" line="189"/>
        <source>Answer or reason</source>
        <translation>回答或原因</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/batch_dialog.py" line="207"/>
        <source>Add Images</source>
        <translation>添加图片</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/batch_dialog.py" line="208"/>
        <source>Images and PDFs (*.png *.jpg *.jpeg *.webp *.gif *.bmp *.tif *.tiff *.heic *.heif *.pdf);;All files (*)</source>
        <translation>图片和 PDF (*.png *.jpg *.jpeg *.webp *.gif *.bmp *.tif *.tiff *.heic *.heif *.pdf);;所有文件 (*)</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/batch_dialog.py" line="213"/>
        <source>Add a Folder</source>
        <translation>添加文件夹</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/batch_dialog.py" line="222"/>
        <source>Results File</source>
        <translation>结果文件</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/batch_dialog.py" line="223"/>
        <source>JSON Lines (*.jsonl)</source>
        <translation>JSON Lines (*.jsonl)</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/batch_dialog.py" line="229"/>
        <source>JSON Schema (*.json)</source>
        <translation>JSON Schema (*.json)</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/batch_dialog.py" line="243"/>
        <source>Add files or a folder first.</source>
        <translation>请先添加文件或文件夹。</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/batch_dialog.py" line="246"/>
        <source>Check at least one model in the window first.</source>
        <translation>请先在窗口中勾选至少一个模型。</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/batch_dialog.py" line="286"/>
        <source>No images or PDFs in these folders.</source>
        <translation>这些文件夹中没有图片或 PDF。</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/batch_dialog.py" line="338"/>
        <source>completed</source>
        <translation>完成</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/batch_dialog.py" line="338"/>
        <source>failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/batch_dialog.py" line="339"/>
        <source>does not fit the fields</source>
        <translation>不符合字段要求</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/batch_dialog.py" line="339"/>
        <source>cut short</source>
        <translation>被截断</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/batch_dialog.py" line="340"/>
        <source>cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/batch_dialog.py" line="355"/>
        <source>{0} of {1}</source>
        <translation>{0} / {1}</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/batch_dialog.py" line="356"/>
        <source>{0} failed</source>
        <translation>{0} 个失败</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/batch_dialog.py" line="361"/>
        <source>{0:.1f} per second</source>
        <translation>每秒 {0:.1f} 个</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/batch_dialog.py" line="364"/>
        <source>about {0} s left</source>
        <translation>约剩 {0} 秒</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/batch_dialog.py" line="366"/>
        <source>cancelled; start again to go on</source>
        <translation>已取消；再次开始即可继续</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/batch_dialog.py" line="368"/>
        <source>finished</source>
        <translation>已完成</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/batch_dialog.py" line="370"/>
        <source>paused</source>
        <translation>已暂停</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/batch_dialog.py" line="384"/>
        <source>Resume</source>
        <translation>继续</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/batch_dialog.py" line="384"/>
        <source>Pause</source>
        <translation>暂停</translation>
    </message>
</context>
<context>
    <name>CaptureFlow</name>
    <message>
        <location filename="../../src/visiondesk/gui/capture_flow.py" line="52"/>
        <source>Screen capture is unavailable on this desktop.</source>
        <translation>此桌面无法截取屏幕。</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/capture_flow.py" line="52"/>
        <source>The screen could not be captured.</source>
        <translation>无法截取屏幕。</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/capture_flow.py" line="58"/>
        <source>Take a screenshot with your desktop&apos;s tool and paste it with Ctrl+V.</source>
        <translation>请用桌面自带的截图工具截图，再按 Ctrl+V 粘贴。</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/capture_flow.py" line="77"/>
        <location filename="../../src/visiondesk/gui/capture_flow.py" line="94"/>
        <source>screen capture</source>
        <translation>屏幕截图</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/capture_flow.py" line="96"/>
        <source>Recognising text…</source>
        <translation>正在识别文字…</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/capture_flow.py" line="68"/>
        <source>Capture cancelled.</source>
        <translation>已取消截取。</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/capture_flow.py" line="86"/>
        <source>Added the capture. Choose Local OCR (offline) to copy its text at once.</source>
        <translation>已添加截图。选择“本地 OCR（离线）”即可立即复制其中的文字。</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/capture_flow.py" line="99"/>
        <source>The text could not be recognised.</source>
        <translation>无法识别文字。</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/capture_flow.py" line="103"/>
        <source>No text was found in the capture.</source>
        <translation>截图中没有找到文字。</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/capture_flow.py" line="106"/>
        <source>Copied 1 line</source>
        <translation>已复制 1 行</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/capture_flow.py" line="78"/>
        <source>Added a {0} × {1} screen capture.</source>
        <translation>已添加 {0} × {1} 的屏幕截图。</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/capture_flow.py" line="106"/>
        <source>Copied {0} lines</source>
        <translation>已复制 {0} 行</translation>
    </message>
</context>
<context>
    <name>CompareColumn</name>
    <message>
        <location filename="../../src/visiondesk/gui/compare_column.py" line="121"/>
        <source>Differences</source>
        <translation>差异</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/compare_column.py" line="122"/>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/compare_column.py" line="123"/>
        <source>Stop this model</source>
        <translation>停止此模型</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/compare_column.py" line="125"/>
        <source>Run again</source>
        <translation>重新运行</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/compare_column.py" line="126"/>
        <source>Run this model again; the other columns stay</source>
        <translation>重新运行此模型；其他列保持不变</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/compare_column.py" line="127"/>
        <source>Copy</source>
        <translation>复制</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/compare_column.py" line="128"/>
        <source>Copy the contents of the open tab</source>
        <translation>复制当前标签页的内容</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/compare_column.py" line="130"/>
        <source>Remove this column from the comparison</source>
        <translation>从对比中移除此列</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/compare_column.py" line="131"/>
        <source>Remove column</source>
        <translation>移除此列</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/compare_column.py" line="132"/>
        <source>Differences from the reference</source>
        <translation>与参照文本的差异</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/compare_column.py" line="161"/>
        <source>baseline</source>
        <translation>参照</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/compare_column.py" line="179"/>
        <source>first token {0}</source>
        <translation>首字 {0}</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/compare_column.py" line="180"/>
        <source>total {0}</source>
        <translation>总计 {0}</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/compare_column.py" line="181"/>
        <source>{0} tokens</source>
        <translation>{0} 个 token</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/compare_column.py" line="182"/>
        <source>cost ≈ {0}</source>
        <translation>费用 ≈ {0}</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/compare_column.py" line="184"/>
        <source>CER {0}</source>
        <translation>字错率 {0}</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/compare_column.py" line="203"/>
        <source>This column is the reference the others are compared with.</source>
        <translation>此列是参照，其他各列都与它比较。</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/compare_column.py" line="209"/>
        <source>Waiting for this answer…</source>
        <translation>正在等待此回答…</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/compare_column.py" line="210"/>
        <source>Choose a reference above: a column or pasted text.</source>
        <translation>请在上方选择参照：某一列，或粘贴的文本。</translation>
    </message>
</context>
<context>
    <name>CompareGrid</name>
    <message>
        <location filename="../../src/visiondesk/gui/compare_grid.py" line="150"/>
        <source>Reference</source>
        <translation>参照</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/compare_grid.py" line="152"/>
        <source>The text every other column is compared with: a column, or text you paste</source>
        <translation>其他各列用来比较的文本：某一列的回答，或你粘贴的文本</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/compare_grid.py" line="153"/>
        <source>Reference for the agreement view</source>
        <translation>一致性视图的参照</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/compare_grid.py" line="154"/>
        <source>Show differences</source>
        <translation>显示差异</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/compare_grid.py" line="155"/>
        <source>Show every column&apos;s differences from the reference</source>
        <translation>显示每一列与参照的差异</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/compare_grid.py" line="156"/>
        <source>Sync scrolling</source>
        <translation>同步滚动</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/compare_grid.py" line="157"/>
        <source>Scrolling one answer scrolls the others alike</source>
        <translation>滚动一个回答时，其他回答同步滚动</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/compare_grid.py" line="158"/>
        <source>Grid</source>
        <translation>网格</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/compare_grid.py" line="159"/>
        <source>Arrange the columns in a grid, two per row</source>
        <translation>以网格排列各列，每行两列</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/compare_grid.py" line="160"/>
        <source>Add model…</source>
        <translation>添加模型…</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/compare_grid.py" line="161"/>
        <source>Add a model to this comparison; the others are kept</source>
        <translation>向此对比添加一个模型；已有的列保留</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/compare_grid.py" line="162"/>
        <source>Export…</source>
        <translation>导出…</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/compare_grid.py" line="163"/>
        <source>Save the comparison as Markdown, JSON or CSV</source>
        <translation>将对比保存为 Markdown、JSON 或 CSV</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/compare_grid.py" line="165"/>
        <source>Paste the correct text here; every column is compared with it</source>
        <translation>在此粘贴正确的文本；每一列都将与它比较</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/compare_grid.py" line="268"/>
        <source>None</source>
        <translation>无</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/compare_grid.py" line="270"/>
        <source>(empty)</source>
        <translation>（空）</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/compare_grid.py" line="274"/>
        <source>Pasted text…</source>
        <translation>粘贴的文本…</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/compare_ranking.py" line="34"/>
        <source>Fastest</source>
        <translation>最快</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/compare_ranking.py" line="35"/>
        <source>Fewest tokens</source>
        <translation>token 最少</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/compare_ranking.py" line="37"/>
        <source>Cheapest</source>
        <translation>最便宜</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/compare_ranking.py" line="28"/>
        <source>The ranking appears when every answer is in…</source>
        <translation>所有回答完成后显示排名…</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/compare_ranking.py" line="40"/>
        <source>Closest to the reference</source>
        <translation>最接近参照</translation>
    </message>
</context>
<context>
    <name>ComparisonController</name>
    <message>
        <location filename="../../src/visiondesk/gui/compare_controller.py" line="138"/>
        <source>There is no comparison to export yet.</source>
        <translation>还没有可导出的对比。</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/compare_controller.py" line="142"/>
        <source>Export Comparison</source>
        <translation>导出对比</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/compare_controller.py" line="144"/>
        <source>Markdown (*.md)</source>
        <translation>Markdown (*.md)</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/compare_controller.py" line="144"/>
        <source>JSON (*.json)</source>
        <translation>JSON (*.json)</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/compare_controller.py" line="145"/>
        <source>CSV (*.csv)</source>
        <translation>CSV (*.csv)</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/compare_controller.py" line="176"/>
        <source>Cannot write {0}: {1}</source>
        <translation>无法写入 {0}：{1}</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/compare_controller.py" line="178"/>
        <source>Comparison saved to {0}</source>
        <translation>对比已保存到 {0}</translation>
    </message>
</context>
<context>
    <name>ConnectionTest</name>
    <message>
        <location filename="../../src/visiondesk/gui/settings_connection_test.py" line="50"/>
        <source>Model list</source>
        <translation>模型列表</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/settings_connection_test.py" line="51"/>
        <source>Chat with an image</source>
        <translation>带图片的 Chat 请求</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/settings_connection_test.py" line="52"/>
        <source>Streaming and token counts</source>
        <translation>流式输出与用量</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/settings_connection_test.py" line="53"/>
        <location filename="../../src/visiondesk/gui/settings_connection_test.py" line="105"/>
        <source>Responses API</source>
        <translation>Responses API</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/settings_connection_test.py" line="54"/>
        <source>Reasoning</source>
        <translation>推理</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/settings_connection_test.py" line="55"/>
        <source>Image analysis</source>
        <translation>图片分析</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/settings_connection_test.py" line="136"/>
        <location filename="../../src/visiondesk/gui/settings_connection_test.py" line="132"/>
        <location filename="../../src/visiondesk/gui/settings_connection_test.py" line="134"/>
        <location filename="../../src/visiondesk/gui/settings_connection_test.py" line="92"/>
        <location filename="../../src/visiondesk/gui/settings_connection_test.py" line="106"/>
        <location filename="../../src/visiondesk/gui/settings_connection_test.py" line="111"/>
        <location filename="../../src/visiondesk/gui/settings_connection_test.py" line="90"/>
        <source>OK</source>
        <translation>正常</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/settings_connection_test.py" line="93"/>
        <location filename="../../src/visiondesk/gui/settings_connection_test.py" line="121"/>
        <location filename="../../src/visiondesk/gui/settings_connection_test.py" line="123"/>
        <location filename="../../src/visiondesk/gui/settings_connection_test.py" line="111"/>
        <location filename="../../src/visiondesk/gui/settings_connection_test.py" line="119"/>
        <source>Failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/settings_connection_test.py" line="95"/>
        <location filename="../../src/visiondesk/gui/settings_connection_test.py" line="102"/>
        <source>Not checked</source>
        <translation>未检查</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/settings_connection_test.py" line="95"/>
        <source>No model was chosen to probe.</source>
        <translation>没有选择要测试的模型。</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/settings_connection_test.py" line="108"/>
        <location filename="../../src/visiondesk/gui/settings_connection_test.py" line="115"/>
        <source>Not supported</source>
        <translation>不支持</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/settings_connection_test.py" line="108"/>
        <source>This model returned no reasoning: it does not reason, or the server hides its thoughts.</source>
        <translation>该模型没有返回推理内容：它不进行推理，或服务器隐藏了思考过程。</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/settings_connection_test.py" line="115"/>
        <source>This server has no Responses API; the Chat API is used instead.</source>
        <translation>该服务器没有 Responses API，将改用 Chat API。</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/settings_connection_test.py" line="123"/>
        <source>Completed, but the answer was empty.</source>
        <translation>已完成，但回答为空。</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/settings_connection_test.py" line="127"/>
        <source>Streams, but sends no token counts (costs stay unknown).</source>
        <translation>支持流式输出，但不返回用量（费用无法估算）。</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/settings_connection_test.py" line="71"/>
        <source>Unexpected error: {0}</source>
        <translation>意外错误：{0}</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/settings_connection_test.py" line="102"/>
        <source>No streamed request was answered.</source>
        <translation>没有流式请求得到回答。</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/settings_connection_test.py" line="105"/>
        <source>Chat API</source>
        <translation>Chat API</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/settings_connection_test.py" line="136"/>
        <source>Answered “{0}”.</source>
        <translation>回答：“{0}”。</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/settings_connection_test.py" line="90"/>
        <source>The server lists no models.</source>
        <translation>服务器没有列出任何模型。</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/settings_connection_test.py" line="129"/>
        <source>Streams with token counts ({0} tokens).</source>
        <translation>支持流式输出并返回用量（{0} 个 token）。</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/settings_connection_test.py" line="131"/>
        <source>{0} First text after {1} s.</source>
        <translation>{0}{1} 秒后出现第一段文字。</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/settings_connection_test.py" line="134"/>
        <source>Answered “{0}” in {1} s.</source>
        <translation>回答：“{0}”，用时 {1} 秒。</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/settings_connection_test.py" line="92"/>
        <source>{0} models: {1}</source>
        <translation>{0} 个模型：{1}</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/settings_connection_test.py" line="106"/>
        <source>Thoughts returned by the {0}.</source>
        <translation>{0} 返回了思考过程。</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/settings_connection_test.py" line="119"/>
        <source>The answer ended without completing ({0}).</source>
        <translation>回答未完成就结束了（{0}）。</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/settings_connection_test.py" line="107"/>
        <source> and </source>
        <translation> 和 </translation>
    </message>
</context>
<context>
    <name>ConnectionTestPanel</name>
    <message>
        <location filename="../../src/visiondesk/gui/settings_connection_test.py" line="190"/>
        <source>Model to probe</source>
        <translation>测试用模型</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/settings_connection_test.py" line="193"/>
        <source>Pick or type a model name</source>
        <translation>选择或输入模型名称</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/settings_connection_test.py" line="194"/>
        <source>The model that receives the small test image</source>
        <translation>接收测试小图片的模型</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/settings_connection_test.py" line="195"/>
        <source>Test connection</source>
        <translation>测试连接</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/settings_connection_test.py" line="196"/>
        <source>Sends a small picture of a number to the model three times (Chat, streaming, Responses) and lists the models.</source>
        <translation>向模型发送三次带数字的小图片（Chat、流式、Responses），并获取模型列表。</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/settings_connection_test.py" line="198"/>
        <source>Check</source>
        <translation>检查项</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/settings_connection_test.py" line="198"/>
        <source>Result</source>
        <translation>结果</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/settings_connection_test.py" line="198"/>
        <source>Detail</source>
        <translation>详情</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/settings_connection_test.py" line="242"/>
        <source>The key stored for this provider cannot be used; paste it again under Connection.</source>
        <translation>为该服务商保存的密钥无法使用；请在“连接”中重新粘贴。</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/settings_connection_test.py" line="248"/>
        <source>Checking…</source>
        <translation>检查中…</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/settings_connection_test.py" line="276"/>
        <source>Test</source>
        <translation>测试</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/settings_connection_test.py" line="276"/>
        <source>Failed</source>
        <translation>失败</translation>
    </message>
</context>
<context>
    <name>Controller</name>
    <message>
        <location filename="../../src/visiondesk/gui/controller.py" line="267"/>
        <source>Drop an image file, an image or an image URL.</source>
        <translation>请拖入图片文件、图片或图片网址。</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/controller.py" line="293"/>
        <source>Check at least one model first.</source>
        <translation>请先勾选至少一个模型。</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/controller.py" line="302"/>
        <source>Stopped.</source>
        <translation>已停止。</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/controller.py" line="327"/>
        <source>Still loading the providers…</source>
        <translation>仍在载入服务商…</translation>
    </message>
</context>
<context>
    <name>ConversationView</name>
    <message>
        <location filename="../../src/visiondesk/gui/conversation_view.py" line="49"/>
        <source>Earlier questions and answers</source>
        <translation>之前的问题与回答</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/conversation_view.py" line="95"/>
        <source>You</source>
        <translation>你</translation>
    </message>
</context>
<context>
    <name>Demo</name>
    <message>
        <location filename="../../tools/docs_demo.py" line="121"/>
        <location filename="../../tools/docs_demo.py" line="237"/>
        <source>Demo: sample answers for the documentation; nothing was sent.</source>
        <translation>演示：用于文档的示例回答，未发送任何请求。</translation>
    </message>
</context>
<context>
    <name>DisplayNames</name>
    <message>
        <location filename="../../src/visiondesk/gui/display_names.py" line="20"/>
        <source>Local OCR (offline)</source>
        <translation>本地 OCR（离线）</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/display_names.py" line="21"/>
        <source>Ollama (local)</source>
        <translation>Ollama（本地）</translation>
    </message>
</context>
<context>
    <name>EngineText</name>
    <message>
        <location filename="../../src/visiondesk/gui/engine_text.py" line="36"/>
        <source>{error} — retrying in {delay} s (attempt {n} of {m}).</source>
        <translation>{error} {delay} 秒后重试（第 {n} 次，共 {m} 次）。</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/engine_text.py" line="37"/>
        <source>HTTP {status}: {rest}</source>
        <translation>HTTP {status}：{rest}</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/engine_text.py" line="40"/>
        <source>Could not connect to {url} within {s} s.</source>
        <translation>无法在 {s} 秒内连接到 {url}。</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/engine_text.py" line="41"/>
        <source>Could not connect to {url}.</source>
        <translation>无法连接到 {url}。</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/engine_text.py" line="44"/>
        <source>Every connection to the server stayed busy for too long, so this request was never sent; run fewer jobs at once.</source>
        <translation>与服务器的所有连接都忙碌太久，此请求未能发出；请减少同时运行的任务。</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/engine_text.py" line="47"/>
        <source>Sending the request to {url} took too long; it was not sent again.</source>
        <translation>向 {url} 发送请求耗时过长；未再次发送。</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/engine_text.py" line="51"/>
        <source>No answer from {url} within {s} s; the request was not sent again (it may still be running on the server).</source>
        <translation>{url} 在 {s} 秒内没有回应；请求未再次发送（它可能仍在服务器上运行）。</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/engine_text.py" line="54"/>
        <source>The server closed the connection unexpectedly.</source>
        <translation>服务器意外关闭了连接。</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/engine_text.py" line="56"/>
        <source>The server&apos;s answer could not be decoded (damaged compression).</source>
        <translation>无法解码服务器的回复（压缩数据已损坏）。</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/engine_text.py" line="59"/>
        <source>Network error talking to {url} ({detail}).</source>
        <translation>与 {url} 通信时出现网络错误（{detail}）。</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/engine_text.py" line="62"/>
        <source>This server has no Responses API; using Chat Completions.</source>
        <translation>此服务器没有 Responses 接口；改用 Chat Completions。</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/engine_text.py" line="64"/>
        <source>The model wants max_completion_tokens instead of max_tokens; resent.</source>
        <translation>该模型要求使用 max_completion_tokens 而不是 max_tokens；已重新发送。</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/engine_text.py" line="67"/>
        <source>The model does not accept a temperature; resent without it.</source>
        <translation>该模型不接受温度参数；已去掉后重新发送。</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/engine_text.py" line="69"/>
        <source>Reasoning summaries are not available for this account or model; resent without them.</source>
        <translation>此账户或模型无法使用推理摘要；已去掉后重新发送。</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/engine_text.py" line="72"/>
        <source>The server rejected a JSON schema; asked for JSON with the schema in the prompt instead.</source>
        <translation>服务器拒绝了 JSON Schema；已改为在提示词中附上 Schema 并要求返回 JSON。</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/engine_text.py" line="76"/>
        <source>The connection closed before the answer was complete; the text so far is kept.</source>
        <translation>回答完成前连接已关闭；已保留目前收到的文字。</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/engine_text.py" line="80"/>
        <source>The answer took longer than {s} s in all; VisionDesk stopped waiting. The text so far is kept.</source>
        <translation>回答总耗时超过 {s} 秒；VisionDesk 已停止等待。已保留目前收到的文字。</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/engine_text.py" line="83"/>
        <source>The answer took longer than {s} s in all; VisionDesk stopped waiting.</source>
        <translation>回答总耗时超过 {s} 秒；VisionDesk 已停止等待。</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/engine_text.py" line="87"/>
        <source>The server sent no content for {s} s (keep-alives do not count); VisionDesk stopped waiting. The text so far is kept.</source>
        <translation>服务器已有 {s} 秒没有发送内容（保活消息不计）；VisionDesk 已停止等待。已保留目前收到的文字。</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/engine_text.py" line="89"/>
        <source>The response failed.</source>
        <translation>回答生成失败。</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/engine_text.py" line="91"/>
        <source>The server&apos;s answer has no choices.</source>
        <translation>服务器的回复中没有 choices。</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/engine_text.py" line="93"/>
        <source>The server&apos;s answer has no output.</source>
        <translation>服务器的回复中没有 output。</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/engine_text.py" line="95"/>
        <source>The server&apos;s answer is not a JSON object.</source>
        <translation>服务器的回复不是 JSON 对象。</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/engine_text.py" line="97"/>
        <source>The answer ended without a status.</source>
        <translation>回答结束时没有状态。</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/engine_text.py" line="99"/>
        <source>No text was found in {name}.</source>
        <translation>{name} 中没有找到文字。</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/engine_text.py" line="102"/>
        <source>could not download from {host}: {why}</source>
        <translation>无法从 {host} 下载：{why}</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/engine_text.py" line="103"/>
        <source>could not reach {host}</source>
        <translation>无法访问 {host}</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/engine_text.py" line="105"/>
        <source>No page of {label} is chosen.</source>
        <translation>{label} 没有选中任何页面。</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/engine_text.py" line="106"/>
        <source>{label} is still being read.</source>
        <translation>{label} 仍在读取中。</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/engine_text.py" line="109"/>
        <source>{label}: {n} pages were chosen; at most {m} pages of one document are sent in one run. Choose pages (for example 1-50).</source>
        <translation>{label}：选中了 {n} 页；一次运行最多发送同一文档的 {m} 页。请选择页面（例如 1-50）。</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/engine_text.py" line="114"/>
        <source>Write a follow-up question first.</source>
        <translation>请先写下追问的问题。</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/engine_text.py" line="116"/>
        <source>A follow-up question holds up to {n} characters.</source>
        <translation>追问最多 {n} 个字符。</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/engine_text.py" line="118"/>
        <source>Wait for the answer to finish first.</source>
        <translation>请等回答完成后再追问。</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/engine_text.py" line="120"/>
        <source>There is no answer to follow up on; run it again first.</source>
        <translation>没有可以追问的回答；请先重新运行。</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/engine_text.py" line="122"/>
        <source>Local OCR reads text; it cannot answer questions. Choose a vision model.</source>
        <translation>本地 OCR 只识别文字，不能回答问题。请选择一个视觉模型。</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/engine_text.py" line="126"/>
        <source>{label} does not exist (looked for {path})</source>
        <translation>{label} 不存在（查找位置：{path}）</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/engine_text.py" line="127"/>
        <source>{label} does not exist.</source>
        <translation>{label} 不存在。</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/engine_text.py" line="129"/>
        <source>{label} is a folder, not {what}.</source>
        <translation>{label} 是文件夹，不是{what}。</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/engine_text.py" line="131"/>
        <source>{label} cannot be read: permission denied</source>
        <translation>无法读取 {label}：没有权限</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/engine_text.py" line="133"/>
        <source>{label} is empty (0 bytes), so it has no pages.</source>
        <translation>{label} 是空文件（0 字节），没有任何页面。</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/engine_text.py" line="134"/>
        <source>{label} is empty (0 bytes)</source>
        <translation>{label} 是空文件（0 字节）</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/engine_text.py" line="136"/>
        <source>{label} is truncated or damaged</source>
        <translation>{label} 不完整或已损坏</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/engine_text.py" line="138"/>
        <source>{label} is not an image file Pillow can read</source>
        <translation>{label} 不是可识别的图片文件</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/engine_text.py" line="141"/>
        <source>{label} is a HEIC/HEIF photo, but HEIC support (the pillow-heif package) is not installed</source>
        <translation>{label} 是 HEIC/HEIF 照片，但未安装 HEIC 支持（pillow-heif 包）</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/engine_text.py" line="144"/>
        <source>{label} is {mp} megapixels, more than the {limit} MP limit</source>
        <translation>{label} 有 {mp} 百万像素，超过了 {limit} 百万像素的上限</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/engine_text.py" line="146"/>
        <source>{label} is not a PDF (it does not start with the PDF header).</source>
        <translation>{label} 不是 PDF（文件开头没有 PDF 标识）。</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/engine_text.py" line="148"/>
        <source>{label} has no pages.</source>
        <translation>{label} 没有任何页面。</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/engine_text.py" line="150"/>
        <source>Page {n} of {label} is damaged and cannot be read.</source>
        <translation>{label} 的第 {n} 页已损坏，无法读取。</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/engine_text.py" line="152"/>
        <source>The document has no pages.</source>
        <translation>该文档没有任何页面。</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/engine_text.py" line="154"/>
        <source>&quot;{part}&quot; is not a page or a range; write pages like 1-3,5.</source>
        <translation>“{part}”不是页码或页码范围；请写成 1-3,5 这样的形式。</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/engine_text.py" line="156"/>
        <source>&quot;{part}&quot; runs backwards; write the smaller page first ({fix}).</source>
        <translation>“{part}”的顺序反了；请先写较小的页码（{fix}）。</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/engine_text.py" line="159"/>
        <source>&quot;{part}&quot;: pages are numbered from 1.</source>
        <translation>“{part}”：页码从 1 开始。</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/engine_text.py" line="161"/>
        <source>&quot;{part}&quot; goes past the end: the document has {n} pages.</source>
        <translation>“{part}”超出了末页：该文档共有 {n} 页。</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/engine_text.py" line="163"/>
        <source>No pages were given; write pages like 1-3,5.</source>
        <translation>没有填写页码；请写成 1-3,5 这样的形式。</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/engine_text.py" line="167"/>
        <source>an image file</source>
        <translation>图片文件</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/engine_text.py" line="168"/>
        <source>an image</source>
        <translation>图片</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/engine_text.py" line="169"/>
        <source>a PDF</source>
        <translation>PDF</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/engine_text.py" line="170"/>
        <source>a text file</source>
        <translation>文本文件</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/engine_text.py" line="171"/>
        <source>a file</source>
        <translation>文件</translation>
    </message>
</context>
<context>
    <name>ErrorText</name>
    <message>
        <location filename="../../src/visiondesk/gui/error_text.py" line="19"/>
        <source>The relay has no channel serving this model right now; pick another model or relay.</source>
        <translation>中转站目前没有可用于此模型的渠道；请换一个模型或中转站。</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/error_text.py" line="21"/>
        <source>The server has no such API here; check the base URL in Settings (it usually ends in /v1), or choose the Chat API.</source>
        <translation>服务器在此处没有这个接口；请在设置中检查接口地址（通常以 /v1 结尾），或改用 Chat 接口。</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/error_text.py" line="23"/>
        <source>Check the model name, or refresh the model list (F5).</source>
        <translation>请检查模型名称，或刷新模型列表（F5）。</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/error_text.py" line="24"/>
        <source>Check that the file still exists.</source>
        <translation>请确认文件仍然存在。</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/error_text.py" line="25"/>
        <source>Check the address, or save the image and open the file.</source>
        <translation>请检查地址，或先把图片保存到本地再打开文件。</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/error_text.py" line="26"/>
        <source>Remove the password from the PDF, or export its pages as images.</source>
        <translation>请移除 PDF 的密码，或把其页面导出为图片。</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/error_text.py" line="28"/>
        <source>The key comes from an environment variable; change it there.</source>
        <translation>密钥来自环境变量；请在那里修改。</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/error_text.py" line="35"/>
        <source>Check the API key in Settings (Ctrl+,).</source>
        <translation>请在设置（Ctrl+,）中检查 API 密钥。</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/error_text.py" line="36"/>
        <source>The key may lack access to this model, or the account balance is empty.</source>
        <translation>该密钥可能无权使用此模型，或账户余额已用完。</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/error_text.py" line="38"/>
        <source>The server is rate limiting; wait a moment and try again.</source>
        <translation>服务器正在限流；请稍候再试。</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/error_text.py" line="39"/>
        <source>The account has no quota or balance left; top it up with the provider.</source>
        <translation>账户已没有额度或余额；请到服务商处充值。</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/error_text.py" line="41"/>
        <source>The server refused the request; a smaller maximum image side (Settings) often helps.</source>
        <translation>服务器拒绝了请求；在设置中调小图片最大边长通常会有帮助。</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/error_text.py" line="43"/>
        <source>Check the model name and the base URL in Settings.</source>
        <translation>请在设置中检查模型名称和接口地址。</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/error_text.py" line="44"/>
        <source>The image is too large for this server; lower the maximum image side in Settings.</source>
        <translation>图片对此服务器来说太大；请在设置中调小图片最大边长。</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/error_text.py" line="46"/>
        <source>This model cannot see images or files; choose a vision model.</source>
        <translation>此模型无法查看图片或文件；请选择视觉模型。</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/error_text.py" line="48"/>
        <source>The server or a proxy in front of it failed; try again later.</source>
        <translation>服务器或其前置代理出错，请稍后再试。</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/error_text.py" line="49"/>
        <source>Could not reach the server; check the base URL and proxy in Settings, and the network.</source>
        <translation>无法连接服务器；请检查设置中的接口地址和代理，以及网络。</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/error_text.py" line="51"/>
        <source>The server took too long; raise the read timeout in Settings for slow reasoning models.</source>
        <translation>服务器响应超时；对较慢的推理模型，请在设置中调大读取超时。</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/error_text.py" line="53"/>
        <source>The server answered something that is not an OpenAI-style reply.</source>
        <translation>服务器返回的内容不是 OpenAI 格式的回复。</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/error_text.py" line="55"/>
        <source>Pick a different file, or save the image again as PNG or JPEG.</source>
        <translation>请换一个文件，或把图片另存为 PNG 或 JPEG。</translation>
    </message>
</context>
<context>
    <name>FieldsButton</name>
    <message>
        <location filename="../../src/visiondesk/gui/fields_option.py" line="56"/>
        <source>JSON Schema</source>
        <translation>JSON Schema</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/fields_option.py" line="56"/>
        <source>All files</source>
        <translation>所有文件</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/fields_option.py" line="59"/>
        <source>Choose the Fields (JSON Schema)</source>
        <translation>选择字段（JSON Schema）</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/fields_option.py" line="71"/>
        <source>Choose a Schema File…</source>
        <translation>选择 Schema 文件…</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/fields_option.py" line="72"/>
        <source>No Fields (Free Text)</source>
        <translation>不用字段（自由文本）</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/fields_option.py" line="75"/>
        <source>Fields…</source>
        <translation>字段…</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/fields_option.py" line="76"/>
        <source>Ask for the fields of a JSON Schema file: every answer is checked against it</source>
        <translation>按 JSON Schema 文件中的字段提问：每个回答都会按它检查</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/fields_option.py" line="79"/>
        <source>Fields: {0}</source>
        <translation>字段：{0}</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/fields_option.py" line="83"/>
        <source>Answers are asked for as JSON with these fields: {0}</source>
        <translation>回答将以 JSON 返回，包含这些字段：{0}</translation>
    </message>
</context>
<context>
    <name>FieldsHelper</name>
    <message>
        <location filename="../../src/visiondesk/gui/fields_option.py" line="117"/>
        <source>Answers will be asked for as JSON with the fields of {0}.</source>
        <translation>回答将以 JSON 返回，包含 {0} 中的字段。</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/fields_option.py" line="121"/>
        <source>Cannot use this schema: {0}</source>
        <translation>无法使用此 Schema：{0}</translation>
    </message>
</context>
<context>
    <name>FollowUpBox</name>
    <message>
        <location filename="../../src/visiondesk/gui/follow_up.py" line="54"/>
        <source>Send</source>
        <translation>发送</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/follow_up.py" line="56"/>
        <source>Ask every column this follow-up (Ctrl+Enter)</source>
        <translation>向每一列追问这个问题（Ctrl+Enter）</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/follow_up.py" line="57"/>
        <source>Follow-up question for every column</source>
        <translation>向每一列的追问</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/follow_up.py" line="59"/>
        <source>Ask this model a follow-up (Ctrl+Enter)</source>
        <translation>向这个模型追问（Ctrl+Enter）</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/follow_up.py" line="60"/>
        <source>Follow-up question</source>
        <translation>追问</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/follow_up.py" line="116"/>
        <source>Ask every column a follow-up…</source>
        <translation>向每一列追问…</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/follow_up.py" line="118"/>
        <source>Ask a follow-up question…</source>
        <translation>继续追问…</translation>
    </message>
</context>
<context>
    <name>HistoryHelper</name>
    <message>
        <location filename="../../src/visiondesk/gui/history_helper.py" line="275"/>
        <location filename="../../src/visiondesk/gui/history_helper.py" line="331"/>
        <source>That run is no longer in the history.</source>
        <translation>该次运行已不在历史记录中。</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/history_helper.py" line="285"/>
        <source>Reopened run #{0} from {1}.</source>
        <translation>已重新打开运行 #{0}（{1}）。</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/history_helper.py" line="306"/>
        <location filename="../../src/visiondesk/gui/history_helper.py" line="335"/>
        <source>The provider {0} is no longer set up.</source>
        <translation>服务商 {0} 已不再配置。</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/history_helper.py" line="318"/>
        <source>The image of this answer is no longer available: {0}</source>
        <translation>这个回答的图片已不可用：{0}</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/history_helper.py" line="319"/>
        <source>The images of this answer are no longer available: {0}</source>
        <translation>这个回答的几张图片已不可用：{0}</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/history_helper.py" line="358"/>
        <source>Its images are no longer where they were: {0}. The prompt and model are loaded; add the images and press Run.</source>
        <translation>它的图片已不在原来的位置：{0}。提示词和模型已载入；请添加图片后点“运行”。</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/history_helper.py" line="368"/>
        <source>Left out (no longer found): {0}</source>
        <translation>已略过（找不到了）：{0}</translation>
    </message>
</context>
<context>
    <name>HistoryModel</name>
    <message>
        <location filename="../../src/visiondesk/gui/history_model.py" line="69"/>
        <source>completed</source>
        <translation>完成</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/history_model.py" line="70"/>
        <source>incomplete</source>
        <translation>不完整</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/history_model.py" line="71"/>
        <source>failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/history_model.py" line="72"/>
        <source>cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/history_model.py" line="73"/>
        <source>invalid</source>
        <translation>无效</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/history_model.py" line="75"/>
        <source>unknown</source>
        <translation>未知</translation>
    </message>
</context>
<context>
    <name>HistoryPanel</name>
    <message>
        <location filename="../../src/visiondesk/gui/history_panel.py" line="177"/>
        <source>History</source>
        <translation>历史记录</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/history_panel.py" line="178"/>
        <source>Search prompts and answers…</source>
        <translation>搜索提示词和回答…</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/history_panel.py" line="179"/>
        <source>Search history</source>
        <translation>搜索历史记录</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/history_panel.py" line="180"/>
        <location filename="../../src/visiondesk/gui/history_panel.py" line="264"/>
        <source>All models</source>
        <translation>所有模型</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/history_panel.py" line="181"/>
        <location filename="../../src/visiondesk/gui/history_panel.py" line="265"/>
        <source>All providers</source>
        <translation>所有服务商</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/history_panel.py" line="185"/>
        <source>Any status</source>
        <translation>任意状态</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/history_panel.py" line="193"/>
        <source>Any time</source>
        <translation>任意时间</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/history_panel.py" line="193"/>
        <source>Today</source>
        <translation>今天</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/history_panel.py" line="193"/>
        <source>Last 7 days</source>
        <translation>最近 7 天</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/history_panel.py" line="194"/>
        <source>Last 30 days</source>
        <translation>最近 30 天</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/history_panel.py" line="194"/>
        <source>Between dates…</source>
        <translation>指定日期范围…</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/history_panel.py" line="198"/>
        <source>From this day</source>
        <translation>从这一天起</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/history_panel.py" line="199"/>
        <source>Up to and including this day</source>
        <translation>截至这一天（含）</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/history_panel.py" line="201"/>
        <source>Reopen</source>
        <translation>重新打开</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/history_panel.py" line="201"/>
        <source>Show the run in the answer panes</source>
        <translation>在回答面板中显示这次运行</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/history_panel.py" line="202"/>
        <source>Run Again</source>
        <translation>再次运行</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/history_panel.py" line="203"/>
        <source>Load its images, prompt and model into the window and run it again</source>
        <translation>把它的图片、提示词和模型载入窗口并再次运行</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/history_panel.py" line="204"/>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/history_panel.py" line="204"/>
        <source>Delete the selected runs (Del)</source>
        <translation>删除选中的运行（Del）</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/history_panel.py" line="205"/>
        <source>Export…</source>
        <translation>导出…</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/history_panel.py" line="206"/>
        <source>Save the selected runs as Markdown, JSON or CSV</source>
        <translation>把选中的运行保存为 Markdown、JSON 或 CSV</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/history_panel.py" line="207"/>
        <source>Clear All…</source>
        <translation>全部清除…</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/history_panel.py" line="207"/>
        <source>Delete every run in the history</source>
        <translation>删除历史记录中的所有运行</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/history_panel.py" line="283"/>
        <source>1 run</source>
        <translation>1 次运行</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/history_panel.py" line="283"/>
        <source>{0} runs</source>
        <translation>{0} 次运行</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/history_panel.py" line="342"/>
        <source>Deleted: {0}.</source>
        <translation>已删除：{0}。</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/history_panel.py" line="346"/>
        <source>Clear History</source>
        <translation>清除历史记录</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/history_panel.py" line="347"/>
        <source>Delete every run in the history ({0})? This cannot be undone.</source>
        <translation>删除历史记录中的所有运行（{0}）？此操作无法撤销。</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/history_panel.py" line="361"/>
        <source>History cleared: {0} deleted.</source>
        <translation>历史记录已清除：删除了 {0}。</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/history_panel.py" line="369"/>
        <source>Markdown</source>
        <translation>Markdown</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/history_panel.py" line="369"/>
        <source>JSON</source>
        <translation>JSON</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/history_panel.py" line="369"/>
        <source>CSV</source>
        <translation>CSV</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/history_panel.py" line="373"/>
        <source>Export Runs</source>
        <translation>导出运行记录</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/history_panel.py" line="386"/>
        <source>Exported {0} to {1}.</source>
        <translation>已将 {0} 导出到 {1}。</translation>
    </message>
</context>
<context>
    <name>ImageLoader</name>
    <message>
        <location filename="../../src/visiondesk/gui/image_loading.py" line="104"/>
        <source>The clipboard holds no image, image file or image URL.</source>
        <translation>剪贴板里没有图片、图片文件或图片网址。</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/image_loading.py" line="88"/>
        <source>pasted image</source>
        <translation>粘贴的图片</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/image_loading.py" line="118"/>
        <source>Not an image file or URL: {0}</source>
        <translation>不是图片文件或网址：{0}</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/image_loading.py" line="89"/>
        <source>dropped image</source>
        <translation>拖入的图片</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/image_loading.py" line="174"/>
        <source>Cannot open {0}: {1}</source>
        <translation>无法打开 {0}：{1}</translation>
    </message>
</context>
<context>
    <name>ImagePanel</name>
    <message>
        <location filename="../../src/visiondesk/gui/image_preview.py" line="163"/>
        <source>Fit</source>
        <translation>适应窗口</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/image_preview.py" line="164"/>
        <source>Fit the image to the window</source>
        <translation>让图片适应窗口大小</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/image_preview.py" line="165"/>
        <source>Fit to window</source>
        <translation>适应窗口</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/image_preview.py" line="166"/>
        <source>100%</source>
        <translation>100%</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/image_preview.py" line="167"/>
        <source>Show the image at its real size; drag to pan</source>
        <translation>按实际尺寸显示图片；拖动可平移</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/image_preview.py" line="168"/>
        <source>Actual size</source>
        <translation>实际尺寸</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/image_preview.py" line="169"/>
        <source>Open…</source>
        <translation>打开…</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/image_preview.py" line="170"/>
        <source>Open image files (Ctrl+O)</source>
        <translation>打开图片文件（Ctrl+O）</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/image_preview.py" line="171"/>
        <source>Open images</source>
        <translation>打开图片</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/image_preview.py" line="172"/>
        <source>Paste</source>
        <translation>粘贴</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/image_preview.py" line="173"/>
        <source>Paste an image, a file path or a URL (Ctrl+V)</source>
        <translation>粘贴图片、文件路径或网址（Ctrl+V）</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/image_preview.py" line="174"/>
        <source>Paste image</source>
        <translation>粘贴图片</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/image_preview.py" line="175"/>
        <source>Capture</source>
        <translation>截图</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/image_preview.py" line="176"/>
        <source>Capture a region of the screen (Ctrl+Shift+S)</source>
        <translation>截取屏幕的一块区域（Ctrl+Shift+S）</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/image_preview.py" line="177"/>
        <source>Capture screen region</source>
        <translation>截取屏幕区域</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/image_preview.py" line="178"/>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/image_preview.py" line="179"/>
        <source>Remove this image</source>
        <translation>移除这张图片</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/image_preview.py" line="180"/>
        <source>Remove image</source>
        <translation>移除图片</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/image_preview.py" line="182"/>
        <source>Drop an image here

or paste one with Ctrl+V, open a file with Ctrl+O,
or enter an image URL below</source>
        <translation>把图片拖到这里

也可以按 Ctrl+V 粘贴、按 Ctrl+O 打开文件，
或在下方输入图片网址</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/image_preview.py" line="185"/>
        <location filename="../../src/visiondesk/gui/image_preview.py" line="296"/>
        <source>Image preview</source>
        <translation>图片预览</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/image_preview.py" line="186"/>
        <source>Images to send</source>
        <translation>待发送的图片</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/image_preview.py" line="187"/>
        <source>Image URL or file path, then Enter</source>
        <translation>输入图片网址或文件路径，按回车添加</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/image_preview.py" line="188"/>
        <source>Image URL</source>
        <translation>图片网址</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/image_preview.py" line="189"/>
        <source>Add</source>
        <translation>添加</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/image_preview.py" line="190"/>
        <source>Add image from URL</source>
        <translation>从网址添加图片</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/image_preview.py" line="336"/>
        <source>{0} lines found: click one to copy it, drag across several to copy them</source>
        <translation>识别出 {0} 行：点击一行即可复制，拖选多行可一并复制</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/image_preview.py" line="360"/>
        <source>Copied “{0}”</source>
        <translation>已复制“{0}”</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/image_preview.py" line="364"/>
        <source>Copied {0} lines</source>
        <translation>已复制 {0} 行</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/image_preview.py" line="365"/>
        <source>Copied 1 line</source>
        <translation>已复制 1 行</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/image_info.py" line="59"/>
        <source>all {0} images: {1}, ≈ {2} image tokens</source>
        <translation>全部 {0} 张图片：{1}，约 {2} 个图像 token</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/image_info.py" line="70"/>
        <source>1 page</source>
        <translation>共 1 页</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/image_info.py" line="72"/>
        <source>sends the whole PDF as a file (page images for Local OCR)</source>
        <translation>整个 PDF 作为文件发送（本地 OCR 仍按页面图片识别）</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/image_info.py" line="24"/>
        <source>Cannot use this image: {0}</source>
        <translation>无法使用这张图片：{0}</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/image_info.py" line="37"/>
        <source>Sends {0} × {1} px</source>
        <translation>发送 {0} × {1} 像素</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/image_info.py" line="40"/>
        <source>≈ {0} image tokens</source>
        <translation>约 {0} 个图像 token</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/image_info.py" line="56"/>
        <source>{0} images</source>
        <translation>共 {0} 张图片</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/image_info.py" line="74"/>
        <source>no page chosen</source>
        <translation>未选择页面</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/image_info.py" line="30"/>
        <source>Loading {0}…</source>
        <translation>正在载入 {0}…</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/image_info.py" line="32"/>
        <source>{0} × {1} px · preparing…</source>
        <translation>{0} × {1} 像素 · 正在处理…</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/image_info.py" line="43"/>
        <source>original {0} × {1}</source>
        <translation>原图 {0} × {1}</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/image_info.py" line="69"/>
        <source>{0} pages</source>
        <translation>共 {0} 页</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/image_info.py" line="82"/>
        <source>page {0}: {1} × {2} px</source>
        <translation>第 {0} 页：{1} × {2} 像素</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/image_info.py" line="76"/>
        <source>sends every page at {0} dpi</source>
        <translation>以 {0} dpi 发送全部页面</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/image_info.py" line="78"/>
        <source>sends page {0} at {1} dpi</source>
        <translation>以 {1} dpi 发送第 {0} 页</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/image_info.py" line="80"/>
        <source>sends pages {0} at {1} dpi</source>
        <translation>以 {1} dpi 发送第 {0} 页</translation>
    </message>
</context>
<context>
    <name>KeyForm</name>
    <message>
        <location filename="../../src/visiondesk/gui/settings_key_form.py" line="58"/>
        <source>Paste a key</source>
        <translation>粘贴密钥</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/settings_key_form.py" line="59"/>
        <source>Saved in the OS keyring, never in a file</source>
        <translation>保存在系统钥匙串中，绝不写入文件</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/settings_key_form.py" line="60"/>
        <source>Save key</source>
        <translation>保存密钥</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/settings_key_form.py" line="61"/>
        <source>Delete key</source>
        <translation>删除密钥</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/settings_key_form.py" line="93"/>
        <source>A key is stored in the OS keyring; it is used instead of the environment variable {0}.</source>
        <translation>系统钥匙串中已保存密钥，它优先于环境变量 {0}。</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/settings_key_form.py" line="96"/>
        <source>A key is stored in the OS keyring.</source>
        <translation>系统钥匙串中已保存密钥。</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/settings_key_form.py" line="98"/>
        <source>The key comes from the environment variable {0}. A key saved here is used instead.</source>
        <translation>密钥来自环境变量 {0}。在此保存的密钥会优先使用。</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/settings_key_form.py" line="101"/>
        <source>No key stored for this provider.</source>
        <translation>尚未为该服务商保存密钥。</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/settings_key_form.py" line="127"/>
        <source>Paste the key into the field first.</source>
        <translation>请先把密钥粘贴到输入框中。</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/settings_key_form.py" line="130"/>
        <source>The key contains a space, line break or other character that cannot be part of an API key (character {0}). Paste it again.</source>
        <translation>密钥中含有空格、换行或其他不能出现在 API 密钥中的字符（第 {0} 个字符）。请重新粘贴。</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/settings_key_form.py" line="132"/>
        <source>This is not a usable API key. Paste it again.</source>
        <translation>这不是可用的 API 密钥。请重新粘贴。</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/settings_key_form.py" line="142"/>
        <source>No working OS keyring was found, so the key cannot be stored safely. On Linux install and start a Secret Service (GNOME Keyring or KWallet) and unlock it; on a machine without one, set the environment variable {0} instead.</source>
        <translation>未找到可用的系统钥匙串，无法安全保存密钥。在 Linux 上请安装并启动 Secret Service（GNOME Keyring 或 KWallet）并解锁；在没有钥匙串的机器上，请改为设置环境变量 {0}。</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/settings_key_form.py" line="148"/>
        <source>The OS keyring refused the key, so nothing was saved. Unlock the keyring and try again.</source>
        <translation>系统钥匙串拒绝了该密钥，未保存任何内容。请解锁钥匙串后重试。</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/settings_key_form.py" line="178"/>
        <source>The OS keyring refused to delete the key. Unlock the keyring and try again.</source>
        <translation>系统钥匙串拒绝删除该密钥。请解锁钥匙串后重试。</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../src/visiondesk/gui/main_window.py" line="218"/>
        <source>VisionDesk</source>
        <translation>VisionDesk 视觉助手</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/main_window.py" line="219"/>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/main_window.py" line="220"/>
        <location filename="../../src/visiondesk/gui/main_window.py" line="236"/>
        <source>&amp;Run</source>
        <translation>运行(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/main_window.py" line="221"/>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/main_window.py" line="222"/>
        <source>&amp;Settings</source>
        <translation>设置(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/main_window.py" line="223"/>
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/main_window.py" line="225"/>
        <source>&amp;Open Images…</source>
        <translation>打开图片(&amp;O)…</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/main_window.py" line="225"/>
        <source>Open image files</source>
        <translation>打开图片文件</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/main_window.py" line="226"/>
        <source>&amp;Paste Image</source>
        <translation>粘贴图片(&amp;P)</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/main_window.py" line="226"/>
        <source>Paste an image, path or URL</source>
        <translation>粘贴图片、路径或网址</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/main_window.py" line="227"/>
        <source>&amp;Capture Screen Region…</source>
        <translation>截取屏幕区域(&amp;C)…</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/main_window.py" line="228"/>
        <source>Capture a region of the screen</source>
        <translation>截取屏幕的一块区域</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/main_window.py" line="229"/>
        <source>Capture and Cop&amp;y Text…</source>
        <translation>截取并复制文字(&amp;Y)…</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/main_window.py" line="230"/>
        <source>Capture a region and copy its text (Local OCR)</source>
        <translation>截取屏幕区域并复制其中的文字（本地 OCR）</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/main_window.py" line="231"/>
        <source>&amp;Batch…</source>
        <translation>批量分析(&amp;B)…</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/main_window.py" line="232"/>
        <source>Analyse folders of images with the checked models into a file</source>
        <translation>用勾选的模型批量分析文件夹中的图片并写入文件</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/main_window.py" line="233"/>
        <source>&amp;Export Comparison…</source>
        <translation>导出对比(&amp;E)…</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/main_window.py" line="234"/>
        <source>Save the comparison as Markdown, JSON or CSV</source>
        <translation>将对比保存为 Markdown、JSON 或 CSV</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/main_window.py" line="235"/>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/main_window.py" line="235"/>
        <source>Quit VisionDesk</source>
        <translation>退出 VisionDesk</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/main_window.py" line="236"/>
        <source>Run every checked model</source>
        <translation>用所有勾选的模型运行</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/main_window.py" line="237"/>
        <source>&amp;Stop</source>
        <translation>停止(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/main_window.py" line="237"/>
        <source>Stop every running model</source>
        <translation>停止所有正在运行的模型</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/main_window.py" line="238"/>
        <source>&amp;Copy Answer as Plain Text</source>
        <translation>复制回答为纯文本(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/main_window.py" line="239"/>
        <source>Copy the answer without Markdown</source>
        <translation>复制去掉 Markdown 标记的回答</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/main_window.py" line="240"/>
        <source>Copy Answer as &amp;Markdown</source>
        <translation>复制回答为 &amp;Markdown</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/main_window.py" line="241"/>
        <source>Copy the answer as the model wrote it</source>
        <translation>按模型原文（Markdown）复制回答</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/main_window.py" line="242"/>
        <source>Re&amp;fresh Models</source>
        <translation>刷新模型列表(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/main_window.py" line="242"/>
        <source>Fetch the model list</source>
        <translation>获取模型列表</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/main_window.py" line="243"/>
        <source>&amp;Settings…</source>
        <translation>设置(&amp;S)…</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/main_window.py" line="243"/>
        <source>Providers, keys and language</source>
        <translation>服务商、密钥与语言</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/main_window.py" line="244"/>
        <source>&amp;History</source>
        <translation>历史记录(&amp;H)</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/main_window.py" line="245"/>
        <source>Search, reopen, run again or export earlier runs</source>
        <translation>搜索、重新打开、再次运行或导出以前的运行</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/main_window.py" line="251"/>
        <source>Follow the System</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/main_window.py" line="254"/>
        <location filename="../../src/visiondesk/gui/main_window.py" line="256"/>
        <source>Run</source>
        <translation>运行</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/main_window.py" line="255"/>
        <source>Run every checked model (Ctrl+Enter)</source>
        <translation>用所有勾选的模型运行（Ctrl+Enter）</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/main_window.py" line="257"/>
        <location filename="../../src/visiondesk/gui/main_window.py" line="259"/>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/main_window.py" line="258"/>
        <source>Stop every running model (Esc)</source>
        <translation>停止所有正在运行的模型（Esc）</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/main_window.py" line="260"/>
        <source>Ctrl+Enter runs · Esc stops · Ctrl+Shift+C copies</source>
        <translation>Ctrl+Enter 运行 · Esc 停止 · Ctrl+Shift+C 复制</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/main_window.py" line="326"/>
        <source>There is no answer to copy yet.</source>
        <translation>还没有可复制的回答。</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/main_window.py" line="330"/>
        <source>{0}&apos;s answer copied as Markdown.</source>
        <translation>已将 {0} 的回答复制为 Markdown。</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/main_window.py" line="333"/>
        <source>{0}&apos;s answer copied as plain text.</source>
        <translation>已将 {0} 的回答复制为纯文本。</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/main_window.py" line="337"/>
        <source>Answer copied as plain text.</source>
        <translation>已将回答复制为纯文本。</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/main_window.py" line="346"/>
        <source>Images</source>
        <translation>图片</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/main_window.py" line="346"/>
        <source>All files</source>
        <translation>所有文件</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/main_window.py" line="350"/>
        <source>Open Images</source>
        <translation>打开图片</translation>
    </message>
</context>
<context>
    <name>ModelPicker</name>
    <message>
        <location filename="../../src/visiondesk/gui/model_picker.py" line="151"/>
        <location filename="../../src/visiondesk/gui/model_picker.py" line="156"/>
        <source>Provider</source>
        <translation>服务商</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/model_picker.py" line="157"/>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/model_picker.py" line="158"/>
        <source>Fetch the model list from the server (F5)</source>
        <translation>从服务器获取模型列表（F5）</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/model_picker.py" line="159"/>
        <source>Refresh models</source>
        <translation>刷新模型</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/model_picker.py" line="160"/>
        <location filename="../../src/visiondesk/gui/model_picker.py" line="162"/>
        <source>Models</source>
        <translation>模型</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/model_picker.py" line="161"/>
        <source>Check several models to compare their answers</source>
        <translation>勾选多个模型可对比它们的回答</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/model_picker.py" line="163"/>
        <source>Type a model name and press Enter</source>
        <translation>输入模型名称后按回车</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/model_picker.py" line="164"/>
        <source>Add a model by name</source>
        <translation>按名称添加模型</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/model_picker.py" line="165"/>
        <source>+ Add from another provider…</source>
        <translation>+ 添加其他服务商的模型…</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/model_picker.py" line="167"/>
        <source>Compare with a model of another provider in the same run</source>
        <translation>在同一次运行中与其他服务商的模型对比</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/model_picker.py" line="168"/>
        <location filename="../../src/visiondesk/gui/model_picker.py" line="180"/>
        <source>API style</source>
        <translation>接口类型</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/model_picker.py" line="169"/>
        <location filename="../../src/visiondesk/gui/model_picker.py" line="183"/>
        <source>Reasoning effort</source>
        <translation>推理强度</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/model_picker.py" line="170"/>
        <location filename="../../src/visiondesk/gui/model_picker.py" line="171"/>
        <source>Stream the answer</source>
        <translation>流式输出回答</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/model_picker.py" line="172"/>
        <source>All images in one request</source>
        <translation>所有图片放在同一个请求中</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/model_picker.py" line="174"/>
        <source>Unchecked, each image is asked about on its own (one answer per image); checked, the model sees all images at once and gives one answer</source>
        <translation>不勾选时，每张图片单独提问（每张图片一个回答）；勾选后，模型一次看到所有图片，只给出一个回答</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/model_picker.py" line="176"/>
        <source>Local OCR reads the text of the image: it has no API style, reasoning or streaming</source>
        <translation>本地 OCR 只读取图片中的文字：没有接口类型、推理或流式输出</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/model_picker.py" line="178"/>
        <location filename="../../src/visiondesk/gui/model_picker.py" line="181"/>
        <source>Default</source>
        <translation>默认</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/model_picker.py" line="178"/>
        <source>Chat Completions</source>
        <translation>Chat Completions</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/model_picker.py" line="179"/>
        <source>Responses</source>
        <translation>Responses</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/model_picker.py" line="181"/>
        <source>Minimal</source>
        <translation>最低</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/model_picker.py" line="181"/>
        <source>Low</source>
        <translation>低</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/model_picker.py" line="182"/>
        <source>Medium</source>
        <translation>中</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/model_picker.py" line="182"/>
        <source>High</source>
        <translation>高</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/model_picker.py" line="277"/>
        <location filename="../../src/visiondesk/gui/model_picker.py" line="351"/>
        <source>{0} at {1}</source>
        <translation>{0}（{1}）</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/model_picker.py" line="288"/>
        <source>Remove from the list</source>
        <translation>从列表中移除</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/model_picker.py" line="356"/>
        <source>{0}  (text only)</source>
        <translation>{0}（仅文本）</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/model_picker.py" line="358"/>
        <source>This model does not see images</source>
        <translation>此模型无法识别图片</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/model_picker.py" line="361"/>
        <source>Sees images</source>
        <translation>支持图片</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/model_picker.py" line="361"/>
        <source>Unknown whether it sees images</source>
        <translation>不确定是否支持图片</translation>
    </message>
</context>
<context>
    <name>ModelsTable</name>
    <message>
        <location filename="../../src/visiondesk/gui/settings_models_table.py" line="53"/>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/settings_models_table.py" line="53"/>
        <source>Images</source>
        <translation>识图</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/settings_models_table.py" line="53"/>
        <source>Max side</source>
        <translation>最长边</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/settings_models_table.py" line="54"/>
        <source>Input {0}/1M</source>
        <translation>输入 {0}/百万</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/settings_models_table.py" line="55"/>
        <source>Output {0}/1M</source>
        <translation>输出 {0}/百万</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/settings_models_table.py" line="56"/>
        <source>The model&apos;s id, exactly as the server names it</source>
        <translation>模型 ID，与服务器上的名称完全一致</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/settings_models_table.py" line="57"/>
        <source>Ticked: sees images. Empty: text only. Half-ticked: not known.</source>
        <translation>勾选：能识别图片。不勾选：仅文本。半勾选：未知。</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/settings_models_table.py" line="58"/>
        <source>Longest image side sent to this model; empty: the provider&apos;s setting</source>
        <translation>发给该模型的图片最长边；留空则使用服务商的设置</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/settings_models_table.py" line="59"/>
        <source>Price per million input tokens, in {0}</source>
        <translation>每百万输入 token 的价格（{0}）</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/settings_models_table.py" line="60"/>
        <source>Price per million output tokens, in {0}</source>
        <translation>每百万输出 token 的价格（{0}）</translation>
    </message>
</context>
<context>
    <name>PdfPagesBar</name>
    <message>
        <location filename="../../src/visiondesk/gui/pdf_pages.py" line="131"/>
        <source>&amp;Pages</source>
        <translation>页面(&amp;P)</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/pdf_pages.py" line="132"/>
        <source>all, or e.g. 1-3,5</source>
        <translation>全部，或如 1-3,5</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/pdf_pages.py" line="133"/>
        <source>Pages to send, e.g. 1-3,5; empty sends every page</source>
        <translation>要发送的页面，如 1-3,5；留空则发送全部页面</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/pdf_pages.py" line="134"/>
        <source>Pages to send</source>
        <translation>要发送的页面</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/pdf_pages.py" line="135"/>
        <source>&amp;Resolution</source>
        <translation>分辨率(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/pdf_pages.py" line="136"/>
        <source> dpi</source>
        <translation> dpi</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/pdf_pages.py" line="137"/>
        <source>Pages are rendered at this resolution before sending</source>
        <translation>页面按此分辨率渲染后再发送</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/pdf_pages.py" line="138"/>
        <source>Page resolution in dots per inch</source>
        <translation>页面分辨率（每英寸点数）</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/pdf_pages.py" line="139"/>
        <source>Send PDF as a file (Responses API)</source>
        <translation>将 PDF 作为文件发送（Responses API）</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/pdf_pages.py" line="141"/>
        <source>Send the whole document instead of page images, so the model also reads its text layer. Local OCR always reads page images.</source>
        <translation>发送整个文档而非页面图片，模型还能读取其中的文字层。本地 OCR 始终识别页面图片。</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/pdf_pages.py" line="143"/>
        <source>Pages; checked pages are sent</source>
        <translation>页面；勾选的页面会被发送</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/pdf_pages.py" line="146"/>
        <location filename="../../src/visiondesk/gui/pdf_pages.py" line="171"/>
        <source>Page {0}</source>
        <translation>第 {0} 页</translation>
    </message>
</context>
<context>
    <name>PromptEditor</name>
    <message>
        <location filename="../../src/visiondesk/gui/prompt_editor.py" line="82"/>
        <location filename="../../src/visiondesk/gui/prompt_editor.py" line="85"/>
        <source>Prompt</source>
        <translation>提示词</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/prompt_editor.py" line="84"/>
        <source>Ask about the image, e.g. “What does this receipt say?” — Ctrl+Enter runs</source>
        <translation>就图片提问，例如“这张收据上写了什么？”——按 Ctrl+Enter 运行</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/prompt_editor.py" line="86"/>
        <source>Optional instructions sent as the system message</source>
        <translation>可选：作为系统消息发送的指令</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/prompt_editor.py" line="87"/>
        <location filename="../../src/visiondesk/gui/prompt_editor.py" line="88"/>
        <source>System prompt</source>
        <translation>系统提示词</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/prompt_editor.py" line="89"/>
        <source>Show or hide the system prompt</source>
        <translation>显示或隐藏系统提示词</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/prompt_editor.py" line="91"/>
        <source>Templates…</source>
        <translation>模板…</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/prompt_editor.py" line="95"/>
        <source>Prompt templates</source>
        <translation>提示词模板</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/prompt_editor.py" line="96"/>
        <source>Insert a ready-made prompt</source>
        <translation>插入现成的提示词</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/prompt_editor.py" line="106"/>
        <source>Describe the image</source>
        <translation>描述图片</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/prompt_editor.py" line="107"/>
        <source>Transcribe all text (OCR)</source>
        <translation>逐字识别文字（OCR）</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/prompt_editor.py" line="108"/>
        <source>Table to Markdown</source>
        <translation>表格转 Markdown</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/prompt_editor.py" line="109"/>
        <source>Extract fields as JSON</source>
        <translation>提取字段为 JSON</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/prompt_editor.py" line="110"/>
        <source>Translate the text in the image</source>
        <translation>翻译图中文字</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/prompt_editor.py" line="115"/>
        <source>Describe this image in detail: what it shows, its layout, and anything notable.</source>
        <translation>请详细描述这张图片：内容是什么、画面布局如何，以及值得注意的细节。</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/prompt_editor.py" line="117"/>
        <source>Transcribe all text in this image verbatim, keeping the line breaks and reading order. Output only the text.</source>
        <translation>请逐字转写图片中的全部文字，保留换行和阅读顺序。只输出文字本身。</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/prompt_editor.py" line="119"/>
        <source>Convert the table in this image to a Markdown table. Keep every row and column; leave empty cells empty.</source>
        <translation>请把图片中的表格转换为 Markdown 表格，保留所有行和列，空白单元格保持为空。</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/prompt_editor.py" line="121"/>
        <source>Extract the key fields from this image (for a receipt or invoice: vendor, date, items, totals, currency) and output them as one JSON object, with null for missing values.</source>
        <translation>请从图片中提取关键字段（收据或发票：商家、日期、商品明细、合计、币种），输出为一个 JSON 对象，缺失的值用 null 表示。</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/prompt_editor.py" line="124"/>
        <source>Translate all text in this image into English. Keep the structure, and put the original next to each line.</source>
        <translation>请把图片中的全部文字翻译成简体中文，保留原有结构，并在每行旁边附上原文。</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/prompt_editor.py" line="151"/>
        <source>Recent…</source>
        <translation>最近…</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/prompt_editor.py" line="152"/>
        <source>Recent prompts</source>
        <translation>最近用过的提示词</translation>
    </message>
</context>
<context>
    <name>ProviderForm</name>
    <message>
        <location filename="../../src/visiondesk/gui/settings_provider_form.py" line="140"/>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/settings_provider_form.py" line="141"/>
        <source>ID</source>
        <translation>ID</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/settings_provider_form.py" line="142"/>
        <source>My relay</source>
        <translation>我的中转站</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/settings_provider_form.py" line="143"/>
        <source>The name shown in the window; change it any time</source>
        <translation>窗口中显示的名称，可随时修改</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/settings_provider_form.py" line="145"/>
        <source>The address of the OpenAI-compatible API, usually ending in /v1</source>
        <translation>OpenAI 兼容接口的地址，通常以 /v1 结尾</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/settings_provider_form.py" line="147"/>
        <source>none (the system&apos;s proxy settings apply)</source>
        <translation>无（使用系统代理设置）</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/settings_provider_form.py" line="149"/>
        <source>Base URL</source>
        <translation>接口地址</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/settings_provider_form.py" line="149"/>
        <source>API style</source>
        <translation>接口类型</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/settings_provider_form.py" line="149"/>
        <source>Proxy</source>
        <translation>代理</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/settings_provider_form.py" line="150"/>
        <source>Connect timeout (s)</source>
        <translation>连接超时（秒）</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/settings_provider_form.py" line="150"/>
        <source>Read timeout (s)</source>
        <translation>读取超时（秒）</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/settings_provider_form.py" line="150"/>
        <source>API key</source>
        <translation>API 密钥</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/settings_provider_form.py" line="155"/>
        <source>Automatic</source>
        <translation>自动</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/settings_provider_form.py" line="155"/>
        <source>Chat Completions</source>
        <translation>Chat Completions</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/settings_provider_form.py" line="156"/>
        <source>Responses</source>
        <translation>Responses</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/settings_provider_form.py" line="158"/>
        <source>Currency of prices</source>
        <translation>价格币种</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/settings_provider_form.py" line="159"/>
        <source>What this provider bills in: a three-letter code such as USD or CNY</source>
        <translation>该服务商的计费币种：三个字母的代码，例如 USD 或 CNY</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/settings_provider_form.py" line="161"/>
        <source>Max image side (px)</source>
        <translation>图片最长边（像素）</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/settings_provider_form.py" line="162"/>
        <source>Add model</source>
        <translation>添加模型</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/settings_provider_form.py" line="163"/>
        <source>Remove model</source>
        <translation>移除模型</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/settings_provider_form.py" line="164"/>
        <source>Fetch from server</source>
        <translation>从服务器获取</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/settings_provider_form.py" line="165"/>
        <source>Add the models the server lists (GET /models); rows already here are kept</source>
        <translation>添加服务器列出的模型（GET /models）；已有的行会保留</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/settings_provider_form.py" line="167"/>
        <source>Local OCR reads text on this computer: images never leave it, and it needs no server, key or price.</source>
        <translation>本地 OCR 在这台电脑上识别文字：图片不会离开本机，也不需要服务器、密钥或价格。</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/settings_provider_form.py" line="169"/>
        <source>Connection</source>
        <translation>连接</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/settings_provider_form.py" line="170"/>
        <source>Models</source>
        <translation>模型</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/settings_provider_form.py" line="171"/>
        <source>Test connection</source>
        <translation>测试连接</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/settings_provider_form.py" line="219"/>
        <source>Save the provider first; then its key can be stored.</source>
        <translation>请先保存服务商，然后才能保存它的密钥。</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/settings_provider_form.py" line="251"/>
        <source>Asking the server…</source>
        <translation>正在询问服务器…</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/settings_provider_form.py" line="275"/>
        <source>The server lists no models.</source>
        <translation>服务器没有列出任何模型。</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/settings_provider_form.py" line="277"/>
        <source>{0} listed, {1} added; press Save provider to keep them.</source>
        <translation>服务器列出 {0} 个，已添加 {1} 个；点击“保存服务商”即可保留。</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/settings_provider_form.py" line="293"/>
        <source>Where the key and settings are filed: lower-case letters, digits and hyphens. It cannot be changed later.</source>
        <translation>密钥和设置以此保存：只能使用小写字母、数字和连字符。创建后不能更改。</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/settings_provider_form.py" line="296"/>
        <source>Where the key and settings are filed; it never changes, so renaming keeps the key.</source>
        <translation>密钥和设置以此保存；它不会改变，因此改名后密钥仍然有效。</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/settings_provider_form.py" line="309"/>
        <source>Choose a provider first.</source>
        <translation>请先选择一个服务商。</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/settings_provider_form.py" line="312"/>
        <source>Give the provider a name.</source>
        <translation>请为服务商起个名称。</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/settings_provider_form.py" line="316"/>
        <source>Enter the base URL, such as https://relay.example/v1.</source>
        <translation>请输入接口地址，例如 https://relay.example/v1。</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/settings_provider_form.py" line="320"/>
        <source>The base URL must start with http:// or https://.</source>
        <translation>接口地址必须以 http:// 或 https:// 开头。</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/settings_provider_form.py" line="323"/>
        <source>The currency must be a three-letter code such as USD or CNY.</source>
        <translation>币种必须是三个字母的代码，例如 USD 或 CNY。</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/settings_provider_form.py" line="337"/>
        <source>The ID may only hold lower-case letters, digits and hyphens.</source>
        <translation>ID 只能包含小写字母、数字和连字符。</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/settings_provider_form.py" line="339"/>
        <source>Another provider already has the ID {0}.</source>
        <translation>已有其他服务商使用 ID {0}。</translation>
    </message>
</context>
<context>
    <name>ProviderHelper</name>
    <message>
        <location filename="../../src/visiondesk/gui/provider_helper.py" line="54"/>
        <source>The local OCR engine has one model.</source>
        <translation>本地 OCR 引擎只有一个模型。</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/provider_helper.py" line="56"/>
        <source>Fetching the model list…</source>
        <translation>正在获取模型列表…</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/provider_helper.py" line="87"/>
        <source>{0} has no API key. Add one in Settings (Ctrl+,), or choose Local OCR (offline), which needs none.</source>
        <translation>{0} 没有 API 密钥。请在设置（Ctrl+,）中添加，或选择无需密钥的“本地 OCR（离线）”。</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/provider_helper.py" line="108"/>
        <source>{0} models</source>
        <translation>共 {0} 个模型</translation>
    </message>
</context>
<context>
    <name>ProvidersPage</name>
    <message>
        <location filename="../../src/visiondesk/gui/settings_providers_page.py" line="111"/>
        <source>New</source>
        <translation>新建</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/settings_providers_page.py" line="112"/>
        <source>From preset</source>
        <translation>从预设新建</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/settings_providers_page.py" line="113"/>
        <source>A new provider that starts from a built-in one (for a second account, say)</source>
        <translation>以内置服务商为模板新建（例如用于第二个账号）</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/settings_providers_page.py" line="115"/>
        <location filename="../../src/visiondesk/gui/settings_providers_page.py" line="297"/>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/settings_providers_page.py" line="116"/>
        <source>Save provider</source>
        <translation>保存服务商</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/settings_providers_page.py" line="117"/>
        <location filename="../../src/visiondesk/gui/settings_providers_page.py" line="303"/>
        <location filename="../../src/visiondesk/gui/settings_providers_page.py" line="306"/>
        <source>Restore defaults</source>
        <translation>恢复默认设置</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/settings_providers_page.py" line="185"/>
        <source>Choose a provider you added to remove it</source>
        <translation>选择一个你添加的服务商才能移除</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/settings_providers_page.py" line="189"/>
        <source>“{0}” is built in and cannot be removed; its settings can still be changed.</source>
        <translation>“{0}”是内置服务商，不能移除；但仍可修改其设置。</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/settings_providers_page.py" line="193"/>
        <source>Remove “{0}” and its key</source>
        <translation>移除“{0}”及其密钥</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/settings_providers_page.py" line="197"/>
        <source>Undo your changes to “{0}”: its built-in settings come back, its key stays.</source>
        <translation>撤销对“{0}”的修改：恢复其内置设置，密钥保留。</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/settings_providers_page.py" line="232"/>
        <source>Fill in the new provider, then press Save provider.</source>
        <translation>填写新服务商后，点击“保存服务商”。</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/settings_providers_page.py" line="255"/>
        <source>the new provider</source>
        <translation>新服务商</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/settings_providers_page.py" line="256"/>
        <source>Changes to “{0}” were not saved: {1}</source>
        <translation>“{0}”的修改未保存：{1}</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/settings_providers_page.py" line="276"/>
        <source>Saved “{0}”.</source>
        <translation>已保存“{0}”。</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/settings_providers_page.py" line="287"/>
        <source>The settings file could not be written: {0}</source>
        <translation>无法写入设置文件：{0}</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/settings_providers_page.py" line="294"/>
        <source>Remove provider</source>
        <translation>移除服务商</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/settings_providers_page.py" line="295"/>
        <source>Remove “{0}” (ID {1})? Its settings and its key in the OS keyring are deleted.</source>
        <translation>要移除“{0}”（ID {1}）吗？它的设置和系统钥匙串中的密钥都会被删除。</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/settings_providers_page.py" line="304"/>
        <source>Restore “{0}” to its built-in settings? Your changes to it are lost; its key stays.</source>
        <translation>要将“{0}”恢复为内置设置吗？你对它的修改将丢失，密钥保留。</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/settings_providers_page.py" line="331"/>
        <source>Restored the built-in settings.</source>
        <translation>已恢复内置设置。</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/settings_providers_page.py" line="352"/>
        <source>Removed.</source>
        <translation>已移除。</translation>
    </message>
</context>
<context>
    <name>QAbstractFileIconProvider</name>
    <message>
        <location filename="../../src/visiondesk/gui/i18n.py" line="36"/>
        <source>Folder</source>
        <translation>文件夹</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/i18n.py" line="37"/>
        <source>Drive</source>
        <translation>驱动器</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/i18n.py" line="38"/>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/i18n.py" line="39"/>
        <source>Shortcut</source>
        <translation>快捷方式</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/i18n.py" line="40"/>
        <source>Unknown</source>
        <translation>未知</translation>
    </message>
</context>
<context>
    <name>QFileDialog</name>
    <message>
        <location filename="../../src/visiondesk/gui/i18n.py" line="33"/>
        <source>&amp;Look in:</source>
        <translation>查找范围(&amp;L)：</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/i18n.py" line="34"/>
        <source>Files of &amp;type:</source>
        <translation>文件类型(&amp;T)：</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/i18n.py" line="35"/>
        <source>Save &amp;as:</source>
        <translation>另存为(&amp;A)：</translation>
    </message>
</context>
<context>
    <name>RegionSelector</name>
    <message>
        <location filename="../../src/visiondesk/gui/capture/selector.py" line="58"/>
        <source>Select a region</source>
        <translation>选择区域</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/capture/selector.py" line="132"/>
        <source>Drag to select a region · Esc to cancel</source>
        <translation>拖动鼠标选择区域 · 按 Esc 取消</translation>
    </message>
</context>
<context>
    <name>ResultPane</name>
    <message>
        <location filename="../../src/visiondesk/gui/result_pane.py" line="159"/>
        <location filename="../../src/visiondesk/gui/result_pane.py" line="168"/>
        <source>Answer</source>
        <translation>回答</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/result_pane.py" line="159"/>
        <source>Text</source>
        <translation>纯文本</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/result_pane.py" line="159"/>
        <location filename="../../src/visiondesk/gui/result_pane.py" line="170"/>
        <source>Reasoning</source>
        <translation>推理过程</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/result_pane.py" line="159"/>
        <source>Usage</source>
        <translation>用量</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/result_pane.py" line="160"/>
        <source>Raw</source>
        <translation>原始数据</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/result_pane.py" line="163"/>
        <location filename="../../src/visiondesk/gui/result_pane.py" line="176"/>
        <source>Copy</source>
        <translation>复制</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/result_pane.py" line="164"/>
        <source>Copy the contents of this tab</source>
        <translation>复制此标签页的内容</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/result_pane.py" line="165"/>
        <source>Copy tab contents</source>
        <translation>复制标签页内容</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/result_pane.py" line="173"/>
        <source>Copy as Plain Text</source>
        <translation>复制为纯文本</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/result_pane.py" line="174"/>
        <source>Copy as Markdown</source>
        <translation>复制为 Markdown</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/result_pane.py" line="176"/>
        <source>image</source>
        <translation>图片</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/result_pane.py" line="177"/>
        <location filename="../../src/visiondesk/gui/result_pane.py" line="429"/>
        <source>… {0} more characters: Copy takes the whole answer</source>
        <translation>… 另有 {0} 个字符未显示；复制会包含完整回答</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/result_pane.py" line="167"/>
        <source>Result tabs</source>
        <translation>结果标签页</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/result_pane.py" line="169"/>
        <source>Plain text of the answer</source>
        <translation>回答的纯文本</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/result_pane.py" line="171"/>
        <source>Raw request and response</source>
        <translation>原始请求与响应</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/result_pane.py" line="410"/>
        <source>The model returned no reasoning.</source>
        <translation>模型没有返回推理过程。</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/result_tabs.py" line="62"/>
        <source>… {0} more characters not shown</source>
        <translation>… 另有 {0} 个字符未显示</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/result_tabs.py" line="74"/>
        <source>… {0} events omitted …</source>
        <translation>… 省略了 {0} 个事件 …</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/result_tabs.py" line="81"/>
        <source>(the request is shown once it is sent)</source>
        <translation>（请求发出后会显示在这里）</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/result_tabs.py" line="83"/>
        <source>Request</source>
        <translation>请求</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/result_tabs.py" line="84"/>
        <source>Response</source>
        <translation>响应</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/pane_figures.py" line="133"/>
        <source>Waiting for the server…</source>
        <translation>正在等待服务器…</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/pane_figures.py" line="136"/>
        <source>Done</source>
        <translation>完成</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/pane_figures.py" line="137"/>
        <source>Incomplete</source>
        <translation>未完成</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/pane_figures.py" line="138"/>
        <source>Failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/pane_figures.py" line="139"/>
        <source>Cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/pane_figures.py" line="129"/>
        <source>Recognising text…</source>
        <translation>正在识别文字…</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/pane_figures.py" line="131"/>
        <source>Thinking…</source>
        <translation>思考中…</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/pane_figures.py" line="132"/>
        <source>Streaming…</source>
        <translation>正在输出…</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/pane_figures.py" line="108"/>
        <source>{0} in</source>
        <translation>输入 {0}</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/pane_figures.py" line="110"/>
        <source>{0} out</source>
        <translation>输出 {0}</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/pane_figures.py" line="112"/>
        <source>{0} reasoning</source>
        <translation>推理 {0}</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/pane_figures.py" line="114"/>
        <source>first token {0}</source>
        <translation>首字 {0}</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/pane_figures.py" line="116"/>
        <source>total {0}</source>
        <translation>总计 {0}</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/pane_figures.py" line="118"/>
        <source>{0} tokens/s</source>
        <translation>{0} token/秒</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/pane_figures.py" line="120"/>
        <source>cost ≈ {0}</source>
        <translation>费用 ≈ {0}</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/pane_header.py" line="35"/>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/pane_header.py" line="36"/>
        <source>Stop this model</source>
        <translation>停止此模型</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/pane_header.py" line="37"/>
        <source>Run again</source>
        <translation>重新运行</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/pane_header.py" line="38"/>
        <source>Run this model again</source>
        <translation>再次运行此模型</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/result_errors.py" line="27"/>
        <source>The server refused the API key</source>
        <translation>服务器拒绝了 API 密钥</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/result_errors.py" line="28"/>
        <source>No permission for this model</source>
        <translation>无权使用此模型</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/result_errors.py" line="29"/>
        <source>Rate limited</source>
        <translation>请求过于频繁</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/result_errors.py" line="30"/>
        <source>No quota left</source>
        <translation>额度已用完</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/result_errors.py" line="31"/>
        <source>The server refused the request</source>
        <translation>服务器拒绝了请求</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/result_errors.py" line="32"/>
        <source>Model or address not found</source>
        <translation>找不到模型或地址</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/result_errors.py" line="33"/>
        <source>The image is too large for this server</source>
        <translation>图片超出了该服务器的大小限制</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/result_errors.py" line="34"/>
        <source>The server failed</source>
        <translation>服务器出错</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/result_errors.py" line="35"/>
        <source>Could not reach the server</source>
        <translation>无法连接服务器</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/result_errors.py" line="36"/>
        <source>The server took too long</source>
        <translation>服务器响应超时</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/result_errors.py" line="37"/>
        <source>Unexpected answer from the server</source>
        <translation>服务器返回了无法识别的内容</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/result_errors.py" line="38"/>
        <source>The image cannot be sent</source>
        <translation>无法发送这张图片</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/result_errors.py" line="39"/>
        <source>Configuration problem</source>
        <translation>配置有误</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/result_errors.py" line="41"/>
        <source>Error</source>
        <translation>错误</translation>
    </message>
</context>
<context>
    <name>ResultsArea</name>
    <message>
        <location filename="../../src/visiondesk/gui/results_area.py" line="140"/>
        <source>Show the image and the prompt</source>
        <translation>显示图片和提示词</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/results_area.py" line="141"/>
        <source>Hide the image and the prompt: the answers get the width</source>
        <translation>隐藏图片和提示词，让回答占用全部宽度</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/results_area.py" line="163"/>
        <source>Answers appear here.

Add an image, write a prompt, check one or more models
and press Ctrl+Enter. Esc stops.</source>
        <translation>回答会显示在这里。

添加图片、写好提示词、勾选一个或多个模型，
然后按 Ctrl+Enter。按 Esc 停止。</translation>
    </message>
</context>
<context>
    <name>RunController</name>
    <message>
        <location filename="../../src/visiondesk/gui/run_controller.py" line="116"/>
        <source>Add an image first.</source>
        <translation>请先添加一张图片。</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/run_controller.py" line="72"/>
        <source>Left out (could not be loaded): {0}</source>
        <translation>已略过（无法加载）：{0}</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/run_controller.py" line="82"/>
        <source>Local OCR reads text from images: add an image first.</source>
        <translation>本地 OCR 只识别图片中的文字：请先添加一张图片。</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/run_controller.py" line="84"/>
        <source>Local OCR left out: it reads text from images, and there is none.</source>
        <translation>已跳过本地 OCR：它只识别图片中的文字，而这里没有图片。</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/run_controller.py" line="89"/>
        <source>A comparison holds up to {0} answers; the first {0} run.</source>
        <translation>一次对比最多 {0} 个回答；只运行前 {0} 个。</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/run_controller.py" line="164"/>
        <location filename="../../src/visiondesk/gui/run_controller.py" line="260"/>
        <location filename="../../src/visiondesk/gui/run_controller.py" line="289"/>
        <source>Run a model first.</source>
        <translation>请先运行一个模型。</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/run_controller.py" line="278"/>
        <source>No column has an answer to follow up on.</source>
        <translation>没有哪一列有可以追问的回答。</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/run_controller.py" line="280"/>
        <source>Not asked (Local OCR, or no answer yet): {0}</source>
        <translation>未追问（本地 OCR，或还没有回答）：{0}</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/run_controller.py" line="291"/>
        <location filename="../../src/visiondesk/gui/run_controller.py" line="302"/>
        <location filename="../../src/visiondesk/gui/run_controller.py" line="317"/>
        <source>Local OCR reads text; it cannot answer questions. Choose a vision model.</source>
        <translation>本地 OCR 只识别文字，不能回答问题。请选择一个视觉模型。</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/run_controller.py" line="293"/>
        <source>Wait for the answer to finish first.</source>
        <translation>请等回答完成后再追问。</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/run_controller.py" line="295"/>
        <source>There is no answer to follow up on; run it again first.</source>
        <translation>没有可以追问的回答；请先重新运行。</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../../src/visiondesk/gui/settings_dialog.py" line="94"/>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/settings_dialog.py" line="95"/>
        <source>General</source>
        <translation>常规</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/settings_dialog.py" line="96"/>
        <source>Providers</source>
        <translation>服务商</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/settings_dialog.py" line="97"/>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/settings_dialog.py" line="98"/>
        <source>Key storage</source>
        <translation>密钥存储</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/settings_dialog.py" line="100"/>
        <source>Follow the system</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/settings_dialog.py" line="130"/>
        <source>No working OS keyring was found, so keys cannot be stored safely. On Linux install and start a Secret Service (GNOME Keyring or KWallet) and unlock it; on a machine without one, set the environment variable {0} instead.</source>
        <translation>未找到可用的系统钥匙串，无法安全保存密钥。在 Linux 上请安装并启动 Secret Service（GNOME Keyring 或 KWallet）并解锁；在没有钥匙串的机器上，请改为设置环境变量 {0}。</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/settings_dialog.py" line="125"/>
        <source>OS keyring in use ({0}).</source>
        <translation>正在使用系统钥匙串（{0}）。</translation>
    </message>
</context>
<context>
    <name>ThinkingBlock</name>
    <message>
        <location filename="../../src/visiondesk/gui/thinking_block.py" line="130"/>
        <source>Thinking… {0}</source>
        <translation>思考中… {0}</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/thinking_block.py" line="132"/>
        <source>Thought for {0}</source>
        <translation>已思考 {0}</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/thinking_block.py" line="134"/>
        <source>Thoughts</source>
        <translation>思考过程</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/thinking_block.py" line="136"/>
        <source>Show or hide the model&apos;s thoughts</source>
        <translation>显示或隐藏模型的思考过程</translation>
    </message>
</context>
<context>
    <name>UsageView</name>
    <message>
        <location filename="../../src/visiondesk/gui/result_tabs.py" line="117"/>
        <source>Input tokens</source>
        <translation>输入 token</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/result_tabs.py" line="118"/>
        <source>Output tokens</source>
        <translation>输出 token</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/result_tabs.py" line="119"/>
        <source>Reasoning tokens</source>
        <translation>推理 token</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/result_tabs.py" line="120"/>
        <source>Cached tokens</source>
        <translation>缓存 token</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/result_tabs.py" line="121"/>
        <source>Total tokens</source>
        <translation>总 token</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/result_tabs.py" line="122"/>
        <source>Time to first token</source>
        <translation>首字延迟</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/result_tabs.py" line="123"/>
        <source>Total time</source>
        <translation>总耗时</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/result_tabs.py" line="124"/>
        <source>Tokens per second</source>
        <translation>每秒 token 数</translation>
    </message>
    <message>
        <location filename="../../src/visiondesk/gui/result_tabs.py" line="125"/>
        <source>Estimated cost</source>
        <translation>预估费用</translation>
    </message>
</context>
<context>
    <name>_UsageView</name>
    <message>
        <location filename="../../src/visiondesk/gui/result_tabs.py" line="154"/>
        <source>set a price per million tokens in Settings</source>
        <translation>在“设置”中填写每百万 token 单价后显示</translation>
    </message>
</context>
</TS>
